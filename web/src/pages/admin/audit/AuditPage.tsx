/**
 * The audit log (`/admin/audit`): the organization's entries newest first (GET /audit-log) with the
 * filters the API takes — actor, action, subject type and id, period — kept in the address,
 * cursor pages, and the same filtered log as CSV (GET /audit-log.csv, a download link).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, apiUrl } from '../../../api/client.ts';
import type { AuditEntry, AuditQuery, Organization, Page, User } from '../../../api/types.ts';
import { useViewer } from '../../../app/session.tsx';
import { DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';

type AuditAction = NonNullable<AuditQuery['action']>[number];

/** Every action the API knows (a missing or unknown one does not compile), in the API's order. */
const ACTION_SET: Record<AuditAction, true> = {
  'auth.signed_in': true, 'auth.sign_in_failed': true, 'auth.signed_out': true,
  'organization.created': true, 'organization.standing_changed': true, 'session.ended': true,
  'user.created': true, 'user.updated': true, 'user.roles_changed': true, 'user.disabled': true, 'user.enabled': true, 'user.password_reset': true, 'user.password_changed': true,
  'token.created': true, 'token.revoked': true,
  'webhook_endpoint.created': true, 'webhook_endpoint.updated': true, 'webhook_endpoint.deleted': true, 'webhook_endpoint.disabled': true,
  'webhook_endpoint.enabled': true, 'webhook_endpoint.secret_rotated': true, 'webhook_delivery.replayed': true,
  'routing_preference.default_set': true, 'routing_preference.offer_set': true, 'routing_preference.offer_cleared': true,
  'indirect_relationship.invited': true, 'indirect_relationship.accepted': true, 'indirect_relationship.declined': true, 'indirect_relationship.ended': true, 'support_split.changed': true,
  'customer.created': true, 'customer_relationship.ended': true,
  'notice_settings.changed': true, 'incident.posted': true, 'incident.updated': true, 'incident.resolved': true,
  'offer.created': true, 'offer.updated': true, 'offer.audience_changed': true, 'plan.created': true, 'plan.updated': true, 'agreement.published': true,
  'offer_optin.created': true, 'offer_optin.removed': true,
  'subscription.purchased': true, 'subscription.activated': true, 'subscription.suspended': true, 'subscription.reactivated': true,
  'subscription.cancelled': true, 'subscription.quantity_changed': true, 'subscription.support_contact_changed': true,
  'sla_policy.set': true, 'sla_policy.withdrawn': true,
};
const ACTIONS = Object.keys(ACTION_SET) as AuditAction[];
/** The groups of actions (what an action's code starts with). */
const GROUPS = [...new Set(ACTIONS.map((a) => a.split('.')[0]!))];
/** The subject types the API records. */
const SUBJECT_TYPES = ['agreement', 'api_token', 'case', 'incident', 'indirect_relationship', 'offer', 'organization', 'partner_notice_settings', 'plan', 'routing_preference', 'session', 'sla_policy', 'subscription', 'user', 'webhook_delivery', 'webhook_endpoint'];
const FILTERS = ['actor', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const;
const ID = /^[A-Za-z0-9_.:-]+$/;

/** `YYYY-MM-DDTHH:MM` in the browser's zone → ISO instant ('' when empty or not a time). */
function isoOf(local: string): string {
  if (!local) return '';
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}
/** An ISO instant → `YYYY-MM-DDTHH:MM` in the browser's zone, for a datetime-local input. */
function localOf(iso: string): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
}

function short(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export default function AuditPage() {
  const intl = useIntl();
  const viewer = useViewer();
  const list = useUrlList(FILTERS);
  const f = list.filters;
  const query = {
    actorUserId: f.actor || undefined,
    action: f.action && (ACTIONS as string[]).includes(f.action) ? [f.action] : undefined,
    subjectType: f.subjectType || undefined,
    subjectId: f.subjectId || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
  };
  const entries = useQuery({
    queryKey: ['audit-log', query, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<AuditEntry>>('GET', '/audit-log', { query: { ...query, cursor: list.cursor, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const users = useQuery({
    queryKey: ['users', 'for-audit'],
    queryFn: ({ signal }) => api<Page<User>>('GET', '/users', { query: { limit: 100 }, signal }),
    retry: false,
  });
  // Another organization's users act in this log too (a reseller accepting an invitation): named by their organization.
  const organizations = useQuery({
    queryKey: ['organizations', 'for-audit'],
    queryFn: ({ signal }) => api<Page<Organization>>('GET', '/organizations', { query: { limit: 100 }, signal }),
    retry: false,
    staleTime: 5 * 60_000,
  });
  const userName = (id: string | null) => (id ? users.data?.items.find((u) => u.id === id)?.name ?? id : intl.formatMessage({ id: 'channel.audit.system' }));
  const otherOrg = (e: AuditEntry) => (e.actorOrgId && e.actorOrgId !== viewer.organization.id
    ? organizations.data?.items.find((o) => o.id === e.actorOrgId)?.name ?? e.actorOrgId
    : null);

  // The period and ids are typed into a draft and applied together; selects apply at once.
  const [draft, setDraft] = useState({ subjectId: f.subjectId, from: localOf(f.from), to: localOf(f.to), actor: f.actor });
  const [errors, setErrors] = useState<Record<string, string>>({});
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (draft.subjectId && !ID.test(draft.subjectId.trim())) next.subjectId = intl.formatMessage({ id: 'channel.audit.idInvalid' });
    if (draft.actor && !ID.test(draft.actor.trim())) next.actor = intl.formatMessage({ id: 'channel.audit.idInvalid' });
    const from = isoOf(draft.from);
    const to = isoOf(draft.to);
    if (from && to && from >= to) next.to = intl.formatMessage({ id: 'channel.audit.periodInvalid' });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    list.apply({ subjectId: draft.subjectId.trim(), actor: draft.actor.trim(), from, to });
  }
  function clear() {
    setDraft({ subjectId: '', from: '', to: '', actor: '' });
    setErrors({});
    list.clear();
  }
  const csv = apiUrl('/audit-log.csv', query);
  const items = entries.data?.items ?? [];
  const title = intl.formatMessage({ id: 'channel.audit.title' });
  const errorOf = (k: string) => errors[k] && <p id={`audit-${k}-error`} className="field-error">{errors[k]}</p>;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="channel.audit.intro" /></p>
      <form className="filters channel-audit-filters" onSubmit={onSubmit} noValidate aria-label={intl.formatMessage({ id: 'channel.audit.filters' })}>
        <div className="field">
          <label htmlFor="audit-actor"><FormattedMessage id="channel.audit.actor" /></label>
          {users.isSuccess ? (
            <select id="audit-actor" value={f.actor} onChange={(e) => { setDraft((d) => ({ ...d, actor: e.target.value })); list.apply({ actor: e.target.value }); }}>
              <option value="">{intl.formatMessage({ id: 'channel.audit.anyone' })}</option>
              {users.data.items.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
            </select>
          ) : (
            <input id="audit-actor" value={draft.actor} maxLength={200} aria-invalid={Boolean(errors.actor)} aria-describedby="audit-actor-hint audit-actor-error"
              onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))} />
          )}
          {!users.isSuccess && <p id="audit-actor-hint" className="field-hint"><FormattedMessage id="channel.audit.actorHint" /></p>}
          {errorOf('actor')}
        </div>
        <div className="field">
          <label htmlFor="audit-action"><FormattedMessage id="channel.audit.action" /></label>
          <select id="audit-action" value={f.action} onChange={(e) => list.apply({ action: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'channel.audit.anyAction' })}</option>
            {GROUPS.map((s) => (
              <optgroup key={s} label={intl.formatMessage({ id: `channel.audit.group.${s}` })}>
                {ACTIONS.filter((a) => a.startsWith(`${s}.`)).map((a) => <option key={a} value={a}>{a}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-subjectType"><FormattedMessage id="channel.audit.subjectType" /></label>
          <select id="audit-subjectType" value={f.subjectType} onChange={(e) => list.apply({ subjectType: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'channel.audit.anySubject' })}</option>
            {SUBJECT_TYPES.map((s) => (
              <option key={s} value={s}>{intl.formatMessage({ id: `channel.audit.subject.${s}` })}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-subjectId"><FormattedMessage id="channel.audit.subjectId" /></label>
          <input id="audit-subjectId" value={draft.subjectId} maxLength={200} aria-invalid={Boolean(errors.subjectId)} aria-describedby="audit-subjectId-error"
            onChange={(e) => setDraft((d) => ({ ...d, subjectId: e.target.value }))} />
          {errorOf('subjectId')}
        </div>
        <div className="field">
          <label htmlFor="audit-from"><FormattedMessage id="channel.audit.from" /></label>
          <input id="audit-from" type="datetime-local" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="audit-to"><FormattedMessage id="channel.audit.to" /></label>
          <input id="audit-to" type="datetime-local" value={draft.to} aria-invalid={Boolean(errors.to)} aria-describedby="audit-to-error"
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
          {errorOf('to')}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary"><FormattedMessage id="channel.audit.apply" /></button>
          {list.filtered && <button type="button" className="button button-ghost" onClick={clear}><FormattedMessage id="channel.clearFilters" /></button>}
          <a className="button button-secondary" href={csv} download><FormattedMessage id="channel.audit.csv" /></a>
        </div>
      </form>
      {entries.isPending && <Loading />}
      <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />
      {entries.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: list.filtered ? 'channel.audit.emptyFiltered' : 'channel.audit.empty' })} />
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive channel-audit">
            <caption className="visually-hidden"><FormattedMessage id="channel.audit.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="channel.audit.when" /></th>
                <th scope="col"><FormattedMessage id="channel.audit.actor" /></th>
                <th scope="col"><FormattedMessage id="channel.audit.action" /></th>
                <th scope="col"><FormattedMessage id="channel.audit.subject" /></th>
                <th scope="col"><FormattedMessage id="channel.audit.changes" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const changes = Object.entries(e.changes);
                return (
                  <tr key={e.id}>
                    <td data-label={intl.formatMessage({ id: 'channel.audit.when' })}><DateTime value={e.occurredAt} /></td>
                    <td data-label={intl.formatMessage({ id: 'channel.audit.actor' })}>
                      {userName(e.actorUserId)}
                      {otherOrg(e) && <div><FormattedMessage id="channel.audit.ofOrganization" values={{ name: otherOrg(e) }} /></div>}
                      <div className="muted"><FormattedMessage id={`channel.audit.via.${e.via}`} />{e.ip && ` · ${e.ip}`}</div>
                    </td>
                    <td data-label={intl.formatMessage({ id: 'channel.audit.action' })}><code>{e.action}</code></td>
                    <td data-label={intl.formatMessage({ id: 'channel.audit.subject' })}>
                      {intl.messages[`channel.audit.subject.${e.subjectType}`] ? intl.formatMessage({ id: `channel.audit.subject.${e.subjectType}` }) : e.subjectType}
                      {e.subjectId && <div className="muted"><code>{e.subjectId}</code></div>}
                    </td>
                    <td data-label={intl.formatMessage({ id: 'channel.audit.changes' })}>
                      {changes.length === 0 ? '—' : (
                        <ul className="channel-changes">
                          {changes.map(([k, c]) => <li key={k}><code>{k}</code>: {short(c.before)} → {short(c.after)}</li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(entries.data?.nextCursor)} isFirst={list.isFirst} busy={entries.isFetching} onNext={() => list.next(entries.data?.nextCursor)} onFirst={list.first} />
    </>
  );
}
