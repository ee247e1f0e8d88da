/**
 * Settings (`/settings`): my language (the header's switch, kept with the user), my notification
 * channels per event type, and my sessions (this one marked; end one, end all the others).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import type { Locale, NotificationPreferences, NotificationPreferencesBody, Session } from '../../api/types.ts';
import { useChangeLanguage } from '../../app/session.tsx';
import { ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { useLocale } from '../../i18n/i18n.tsx';

const PREFERENCES_KEY = ['notification-preferences'] as const;
const SESSIONS_KEY = ['sessions'] as const;

export default function SettingsPage() {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'settings.title' });
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <LanguageSection />
      <NotificationSection />
      <SessionsSection />
    </>
  );
}

function LanguageSection() {
  const intl = useIntl();
  const { locale } = useLocale();
  const change = useChangeLanguage();
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="settings-language">
      <h2 id="settings-language"><FormattedMessage id="settings.language.title" /></h2>
      <div className="field settings-narrow">
        <label htmlFor="settings-locale"><FormattedMessage id="settings.language.label" /></label>
        <p className="field-hint" id="settings-locale-hint"><FormattedMessage id="settings.language.hint" /></p>
        <select id="settings-locale" aria-describedby="settings-locale-hint" value={locale} disabled={change.isPending}
          onChange={(e) => { setSaved(false); change.mutate(e.target.value as Locale, { onSuccess: () => setSaved(true) }); }}>
          <option value="en" lang="en">English</option>
          <option value="ko" lang="ko">한국어</option>
        </select>
      </div>
      {change.isPending && <p role="status">{intl.formatMessage({ id: 'settings.saving' })}</p>}
      {saved && !change.isPending && <p className="notice notice-success" role="status"><FormattedMessage id="settings.language.saved" /></p>}
      <ErrorNotice error={change.error} />
    </section>
  );
}

type Choice = { inApp: boolean; email: boolean };

function NotificationSection() {
  const intl = useIntl();
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: ({ signal }) => api<NotificationPreferences>('GET', '/notification-preferences', { signal }),
  });
  // The viewer's edits not saved yet, by event type (the rest show as the API has them).
  const [draft, setDraft] = useState<Record<string, Choice>>({});
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (body: NotificationPreferencesBody) => api<NotificationPreferences>('PUT', '/notification-preferences', { body }),
    onSuccess: (data) => { client.setQueryData(PREFERENCES_KEY, data); setDraft({}); setSaved(true); },
  });

  const changed = (prefs.data?.preferences ?? []).filter((p) => {
    const d = draft[p.eventType];
    return d && (d.inApp !== p.inApp || d.email !== p.email);
  });
  const set = (p: { eventType: string; inApp: boolean; email: boolean }, channel: keyof Choice, value: boolean) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [p.eventType]: { ...(d[p.eventType] ?? { inApp: p.inApp, email: p.email }), [channel]: value } }));
  };
  const eventLabel = (type: string) => {
    const id = `settings.event.${type}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : type;
  };

  return (
    <section className="card" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications"><FormattedMessage id="settings.notifications.title" /></h2>
      <p className="field-hint"><FormattedMessage id="settings.notifications.hint" /></p>
      {prefs.isPending && <Loading />}
      <ErrorNotice error={prefs.error} onRetry={() => void prefs.refetch()} />
      {prefs.data && prefs.data.preferences.length === 0 && <EmptyState title={intl.formatMessage({ id: 'settings.notifications.empty' })} />}
      {prefs.data && prefs.data.preferences.length > 0 && (
        <form onSubmit={(e) => {
          e.preventDefault();
          if (changed.length === 0) return;
          save.mutate({ preferences: changed.map((p) => ({ eventType: p.eventType, ...draft[p.eventType]! })) });
        }}>
          <div className="table-wrap">
            <table className="responsive settings-preferences">
              <caption className="visually-hidden"><FormattedMessage id="settings.notifications.caption" /></caption>
              <thead>
                <tr>
                  <th scope="col"><FormattedMessage id="settings.notifications.event" /></th>
                  <th scope="col"><FormattedMessage id="settings.notifications.inApp" /></th>
                  <th scope="col"><FormattedMessage id="settings.notifications.email" /></th>
                </tr>
              </thead>
              <tbody>
                {prefs.data.preferences.map((p) => {
                  const d = draft[p.eventType] ?? { inApp: p.inApp, email: p.email };
                  const name = eventLabel(p.eventType);
                  return (
                    <tr key={p.eventType}>
                      <th scope="row">{name}{p.isDefault && <span className="customers-muted settings-default"> · <FormattedMessage id="settings.notifications.default" /></span>}</th>
                      <td data-label={intl.formatMessage({ id: 'settings.notifications.inApp' })}>
                        <input type="checkbox" checked={d.inApp} onChange={(e) => set(p, 'inApp', e.target.checked)}
                          aria-label={intl.formatMessage({ id: 'settings.notifications.inAppFor' }, { event: name })} />
                      </td>
                      <td data-label={intl.formatMessage({ id: 'settings.notifications.email' })}>
                        <input type="checkbox" checked={d.email} onChange={(e) => set(p, 'email', e.target.checked)}
                          aria-label={intl.formatMessage({ id: 'settings.notifications.emailFor' }, { event: name })} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="button-row settings-save">
            <button type="submit" className="button button-primary" disabled={save.isPending || changed.length === 0}>
              <FormattedMessage id={save.isPending ? 'settings.saving' : 'settings.notifications.save'} />
            </button>
            {changed.length > 0 && !save.isPending && (
              <span className="customers-muted"><FormattedMessage id="settings.notifications.unsaved" values={{ count: changed.length }} /></span>
            )}
          </div>
          {save.isPending && <p role="status"><FormattedMessage id="settings.saving" /></p>}
          {saved && !save.isPending && changed.length === 0 && <p className="notice notice-success" role="status"><FormattedMessage id="settings.notifications.saved" /></p>}
          <ErrorNotice error={save.error} />
        </form>
      )}
    </section>
  );
}

function SessionsSection() {
  const intl = useIntl();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) => api<{ items: Session[] }>('GET', '/sessions', { signal }),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmOthers, setConfirmOthers] = useState(false);
  const endOne = useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => { setNotice(intl.formatMessage({ id: 'settings.sessions.endedOne' })); void client.invalidateQueries({ queryKey: SESSIONS_KEY }); },
  });
  const endOthers = useMutation({
    mutationFn: () => api<{ ended: number }>('DELETE', '/sessions/others'),
    onSuccess: (r) => { setNotice(intl.formatMessage({ id: 'settings.sessions.endedOthers' }, { count: r.ended })); void client.invalidateQueries({ queryKey: SESSIONS_KEY }); },
  });
  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current);
  return (
    <section className="card" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions"><FormattedMessage id="settings.sessions.title" /></h2>
      <p className="field-hint"><FormattedMessage id="settings.sessions.hint" /></p>
      {sessions.isPending && <Loading />}
      <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
      {items.length > 0 && (
        <ul className="list" aria-label={intl.formatMessage({ id: 'settings.sessions.listLabel' })}>
          {items.map((s) => (
            <li key={s.id} className="settings-session">
              <div>
                <strong>{describeAgent(s.userAgent) ?? intl.formatMessage({ id: 'settings.sessions.unknownDevice' })}</strong>
                {s.current && <> <span className="badge badge-info"><FormattedMessage id="settings.sessions.current" /></span></>}
                <br />
                <span className="customers-muted">
                  <FormattedMessage id="settings.sessions.details" values={{
                    created: <DateTime value={s.createdAt} />,
                    seen: <DateTime value={s.lastSeenAt ?? s.createdAt} />,
                    ip: s.ip ?? '—',
                  }} />
                </span>
              </div>
              {!s.current && (
                <button type="button" className="button button-secondary" disabled={endOne.isPending && endOne.variables === s.id}
                  onClick={() => { setNotice(null); endOne.mutate(s.id); }}
                  aria-label={intl.formatMessage({ id: 'settings.sessions.endOneFor' }, { device: describeAgent(s.userAgent) ?? intl.formatMessage({ id: 'settings.sessions.unknownDevice' }), when: intl.formatDate(s.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}>
                  <FormattedMessage id={endOne.isPending && endOne.variables === s.id ? 'settings.sessions.ending' : 'settings.sessions.endOne'} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions.isSuccess && others.length === 0 && <p><FormattedMessage id="settings.sessions.noOthers" /></p>}
      {others.length > 0 && (
        <div className="button-row">
          <button type="button" className="button button-danger" disabled={endOthers.isPending} onClick={() => setConfirmOthers(true)}>
            <FormattedMessage id={endOthers.isPending ? 'settings.sessions.ending' : 'settings.sessions.endOthers'} />
          </button>
        </div>
      )}
      {notice && <p className="notice notice-success" role="status">{notice}</p>}
      <ErrorNotice error={endOne.error ?? endOthers.error} />
      <ConfirmDialog
        isOpen={confirmOthers}
        onOpenChange={setConfirmOthers}
        title={intl.formatMessage({ id: 'settings.sessions.confirmTitle' })}
        confirmLabel={intl.formatMessage({ id: 'settings.sessions.confirm' })}
        tone="warning"
        onConfirm={() => { setNotice(null); endOthers.mutate(); }}
      >
        <p><FormattedMessage id="settings.sessions.confirmBody" values={{ count: others.length }} /></p>
      </ConfirmDialog>
    </section>
  );
}

/** A short name of the browser and system of a User-Agent ("Chrome on Linux"), or null. */
function describeAgent(agent: string | null): string | null {
  if (!agent) return null;
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome'
    : /Safari\//.test(agent) ? 'Safari' : /curl\//.test(agent) ? 'curl' : null;
  const system = /Windows/.test(agent) ? 'Windows' : /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS'
    : /Mac OS X/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? agent.slice(0, 60);
}
