/**
 * SLA policies (`/admin/sla-policies`): what applies to a case of each category now and why (the
 * API's words), and per scope (`all` or one category) the policy: targets per severity, support
 * hours per weekday, IANA time zone, holidays, critical cases around the clock. Set writes the
 * next version (If-Match: the version edited), withdraw (confirmed) lets the wider scope or the
 * default apply. A publisher sees the SLA of its agreement versions (set where agreements are).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, isApiError } from '../../../api/client.ts';
import type { SlaPolicies, SlaPolicy, SlaScopePolicies } from '../../../api/types.ts';
import { useCan } from '../../../app/session.tsx';
import { useLabel } from '../../../components/labels.tsx';
import { ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../../components/ui.tsx';
import { useLocale } from '../../../i18n/i18n.tsx';

const SLA_KEY = ['sla-policies'] as const;
const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
type Scope = SlaPolicies['scopes'][number];
const WINDOWS = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/;

/** The IANA zones the browser knows (UTC first). */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

interface Form {
  targets: Record<(typeof SEVERITIES)[number], { firstResponseMinutes: string; resolutionMinutes: string }>;
  timeZone: string;
  week: Record<Weekday, string>;
  holidays: string[];
  criticalAroundTheClock: boolean;
}

function formOf(p: SlaPolicy): Form {
  return {
    targets: Object.fromEntries(SEVERITIES.map((s) => [s, { firstResponseMinutes: String(p.targets[s].firstResponseMinutes), resolutionMinutes: String(p.targets[s].resolutionMinutes) }])) as Form['targets'],
    timeZone: p.calendar.timeZone,
    week: Object.fromEntries(WEEKDAYS.map((d) => [d, p.calendar.week[d].map((w) => `${w.start}–${w.end}`).join(', ')])) as Form['week'],
    holidays: [...p.calendar.holidays],
    criticalAroundTheClock: p.criticalAroundTheClock,
  };
}

/** The policy of a form, or the fields that are wrong (message ids by field key). */
function policyOf(f: Form): { policy: SlaPolicy } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const targets = {} as SlaPolicy['targets'];
  for (const s of SEVERITIES) {
    const fr = Number(f.targets[s].firstResponseMinutes);
    const res = Number(f.targets[s].resolutionMinutes);
    const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= 525_600;
    if (!whole(fr)) errors[`${s}.firstResponseMinutes`] = 'channel.sla.minutesInvalid';
    if (!whole(res)) errors[`${s}.resolutionMinutes`] = 'channel.sla.minutesInvalid';
    else if (whole(fr) && res < fr) errors[`${s}.resolutionMinutes`] = 'channel.sla.resolutionBeforeResponse';
    targets[s] = { firstResponseMinutes: fr, resolutionMinutes: res };
  }
  const week = {} as SlaPolicy['calendar']['week'];
  for (const d of WEEKDAYS) {
    const text = f.week[d].trim();
    const parts = text === '' ? [] : text.split(',');
    const windows = parts.map((p) => WINDOWS.exec(p));
    if (windows.some((w) => !w || w[1]! >= w[2]! || w[2]! > '24:00' || w[1]! > '23:59')) errors[`week.${d}`] = 'channel.sla.windowsInvalid';
    week[d] = windows.filter((w): w is RegExpExecArray => Boolean(w)).map((w) => ({ start: w[1]!, end: w[2]! }));
  }
  if (!f.timeZone) errors.timeZone = 'channel.sla.timeZoneRequired';
  if (Object.keys(errors).length > 0) return { errors };
  return { policy: { targets, calendar: { timeZone: f.timeZone, week, holidays: [...f.holidays].sort() }, criticalAroundTheClock: f.criticalAroundTheClock } };
}

export default function SlaPoliciesPage() {
  const intl = useIntl();
  const { locale } = useLocale();
  const label = useLabel();
  const data = useQuery({ queryKey: SLA_KEY, queryFn: ({ signal }) => api<SlaPolicies>('GET', '/sla-policies', { signal }), retry: false });
  const [scope, setScope] = useState<Scope>('all');
  const title = intl.formatMessage({ id: 'channel.sla.title' });
  const scopeLabel = (s: string) => (s === 'all' ? intl.formatMessage({ id: 'channel.sla.scopeAll' }) : label('category', s));
  const d = data.data;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="channel.sla.intro" /></p>
      {data.isPending && <Loading />}
      <ErrorNotice error={data.error} onRetry={() => void data.refetch()} />
      {d && (
        <>
          <section className="card" aria-labelledby="sla-effective">
            <h2 id="sla-effective"><FormattedMessage id="channel.sla.effective" /></h2>
            {d.effective.length === 0 ? <EmptyState title={intl.formatMessage({ id: 'channel.sla.effectiveEmpty' })} /> : (
              <div className="table-wrap">
                <table className="responsive">
                  <caption className="visually-hidden"><FormattedMessage id="channel.sla.effectiveCaption" /></caption>
                  <thead><tr><th scope="col"><FormattedMessage id="channel.col.category" /></th><th scope="col"><FormattedMessage id="channel.sla.applies" /></th></tr></thead>
                  <tbody>
                    {d.effective.map((e) => (
                      <tr key={e.category}>
                        <th scope="row">{label('category', e.category)}</th>
                        <td data-label={intl.formatMessage({ id: 'channel.sla.applies' })}>{locale === 'ko' ? e.why.ko : e.why.en}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="field-hint"><FormattedMessage id="channel.sla.defaultIs" /></p>
            <PolicySummary policy={d.default} />
          </section>
          {d.kind === 'publisher' ? (
            <AgreementsSection data={d} />
          ) : (
            <>
              <div className="field channel-scope">
                <label htmlFor="sla-scope"><FormattedMessage id="channel.sla.scope" /></label>
                <select id="sla-scope" value={scope} onChange={(e) => setScope(e.target.value as Scope)} aria-describedby="sla-scope-hint">
                  {d.scopes.map((s) => {
                    const p = d.policies.find((x) => x.scope === s);
                    const state = !p?.current ? 'none' : p.current.withdrawn ? 'withdrawn' : 'set';
                    return <option key={s} value={s}>{intl.formatMessage({ id: `channel.sla.scopeOption.${state}` }, { scope: scopeLabel(s) })}</option>;
                  })}
                </select>
                <p id="sla-scope-hint" className="field-hint"><FormattedMessage id="channel.sla.scopeHint" /></p>
              </div>
              <ScopeEditor key={scope} scope={scope} scopeLabel={scopeLabel(scope)} policies={d.policies.find((x) => x.scope === scope)} fallback={d.default} />
            </>
          )}
        </>
      )}
    </>
  );
}

function minutesText(intl: ReturnType<typeof useIntl>, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return intl.formatMessage({ id: 'channel.sla.duration' }, { h, m });
}

function PolicySummary({ policy }: { policy: SlaPolicy }) {
  const intl = useIntl();
  const label = useLabel();
  return (
    <dl className="facts">
      {SEVERITIES.map((s) => (
        <div key={s} className="channel-fact">
          <dt>{label('severity', s)}</dt>
          <dd><FormattedMessage id="channel.sla.targetsText" values={{ first: minutesText(intl, policy.targets[s].firstResponseMinutes), resolution: minutesText(intl, policy.targets[s].resolutionMinutes) }} /></dd>
        </div>
      ))}
      <div className="channel-fact">
        <dt><FormattedMessage id="channel.sla.hours" /></dt>
        <dd>
          {policy.calendar.timeZone} · {WEEKDAYS.filter((d) => policy.calendar.week[d].length > 0).map((d) => `${intl.formatMessage({ id: `channel.weekday.${d}` })} ${policy.calendar.week[d].map((w) => `${w.start}–${w.end}`).join(', ')}`).join('; ') || intl.formatMessage({ id: 'channel.sla.neverOpen' })}
        </dd>
      </div>
      {policy.calendar.holidays.length > 0 && (<div className="channel-fact"><dt><FormattedMessage id="channel.sla.holidays" /></dt><dd>{policy.calendar.holidays.join(', ')}</dd></div>)}
      <div className="channel-fact">
        <dt><FormattedMessage id="channel.sla.aroundTheClock" /></dt>
        <dd><FormattedMessage id={policy.criticalAroundTheClock ? 'channel.yes' : 'channel.no'} /></dd>
      </div>
    </dl>
  );
}

function ScopeEditor({ scope, scopeLabel, policies, fallback }: { scope: Scope; scopeLabel: string; policies: SlaScopePolicies | undefined; fallback: SlaPolicy }) {
  const intl = useIntl();
  const client = useQueryClient();
  const canManage = useCan('sla.manage');
  const zones = useMemo(() => timeZones(), []);
  const current = policies?.current ?? null;
  const start = current?.policy ?? fallback;
  const [form, setForm] = useState<Form>(() => formOf(start));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [holiday, setHoliday] = useState('');
  const [announce, setAnnounce] = useState<string | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);

  const onSaved = (data: SlaScopePolicies, message: string) => {
    client.setQueryData<SlaPolicies>(SLA_KEY, (old) => old && { ...old, policies: old.policies.map((p) => (p.scope === data.scope ? data : p)) });
    void client.invalidateQueries({ queryKey: SLA_KEY });
    setAnnounce(message);
  };
  const ifMatch = current ? `"${current.version}"` : undefined;
  const save = useMutation({
    mutationFn: (policy: SlaPolicy) => api<SlaScopePolicies>('PUT', `/sla-policies/${scope}`, { body: policy, ifMatch }),
    onSuccess: (data) => onSaved(data, intl.formatMessage({ id: 'channel.sla.saved' }, { scope: scopeLabel, version: data.current?.version ?? 0 })),
  });
  const withdraw = useMutation({
    mutationFn: () => api<SlaScopePolicies>('DELETE', `/sla-policies/${scope}`, { ifMatch }),
    onSuccess: (data) => onSaved(data, intl.formatMessage({ id: 'channel.sla.withdrawnDone' }, { scope: scopeLabel })),
  });
  const busy = save.isPending || withdraw.isPending;
  const stale = [save.error, withdraw.error].some((e) => isApiError(e) && e.status === 412);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAnnounce(null);
    const result = policyOf(form);
    if ('errors' in result) {
      setErrors(result.errors);
      document.getElementById(`sla-${Object.keys(result.errors)[0]!.replace('.', '-')}`)?.focus();
      return;
    }
    setErrors({});
    save.mutate(result.policy);
  }
  const err = (k: string) => (errors[k] ? intl.formatMessage({ id: errors[k] }) : null);
  const setTarget = (s: (typeof SEVERITIES)[number], k: 'firstResponseMinutes' | 'resolutionMinutes', v: string) =>
    setForm((f) => ({ ...f, targets: { ...f.targets, [s]: { ...f.targets[s], [k]: v } } }));
  const apiErrors = [save.error, withdraw.error].flatMap((e) => (isApiError(e) ? e.problem?.errors ?? [] : []));

  return (
    <section className="card" aria-labelledby="sla-scope-title">
      <h2 id="sla-scope-title"><FormattedMessage id="channel.sla.scopeTitle" values={{ scope: scopeLabel }} /></h2>
      <p>
        {!current && <FormattedMessage id="channel.sla.noneSet" />}
        {current?.withdrawn && <FormattedMessage id="channel.sla.isWithdrawn" values={{ version: current.version, at: <DateTime value={current.setAt} /> }} />}
        {current && !current.withdrawn && <FormattedMessage id="channel.sla.current" values={{ version: current.version, at: <DateTime value={current.setAt} /> }} />}
      </p>
      {canManage ? (
        <form onSubmit={onSubmit} noValidate>
          <fieldset className="channel-fieldset">
            <legend><FormattedMessage id="channel.sla.targets" /></legend>
            <p className="field-hint"><FormattedMessage id="channel.sla.targetsHint" /></p>
            <div className="table-wrap">
              <table className="responsive">
                <caption className="visually-hidden"><FormattedMessage id="channel.sla.targetsCaption" /></caption>
                <thead><tr><th scope="col"><FormattedMessage id="channel.col.severity" /></th><th scope="col"><FormattedMessage id="channel.sla.firstResponse" /></th><th scope="col"><FormattedMessage id="channel.sla.resolution" /></th></tr></thead>
                <tbody>
                  {SEVERITIES.map((s) => {
                    const sev = intl.formatMessage({ id: `enum.severity.${s}` });
                    return (
                      <tr key={s}>
                        <th scope="row">{sev}</th>
                        {(['firstResponseMinutes', 'resolutionMinutes'] as const).map((k) => {
                          const id = `sla-${s}-${k}`;
                          const e = err(`${s}.${k}`);
                          const n = Number(form.targets[s][k]);
                          return (
                            <td key={k} data-label={intl.formatMessage({ id: k === 'firstResponseMinutes' ? 'channel.sla.firstResponse' : 'channel.sla.resolution' })}>
                              <input id={id} type="number" min={1} max={525600} step={1} inputMode="numeric" className="channel-minutes" value={form.targets[s][k]}
                                aria-label={intl.formatMessage({ id: k === 'firstResponseMinutes' ? 'channel.sla.firstResponseFor' : 'channel.sla.resolutionFor' }, { severity: sev })}
                                aria-invalid={Boolean(e)} aria-describedby={`${id}-hint ${id}-error`}
                                onChange={(ev) => setTarget(s, k, ev.target.value)} />
                              <span id={`${id}-hint`} className="field-hint">{Number.isInteger(n) && n > 0 ? minutesText(intl, n) : ''}</span>
                              {e && <p id={`${id}-error`} className="field-error">{e}</p>}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </fieldset>

          <fieldset className="channel-fieldset">
            <legend><FormattedMessage id="channel.sla.hours" /></legend>
            <div className="field">
              <label htmlFor="sla-timeZone"><FormattedMessage id="channel.sla.timeZone" /></label>
              <select id="sla-timeZone" value={form.timeZone} aria-invalid={Boolean(err('timeZone'))} onChange={(e) => setForm((f) => ({ ...f, timeZone: e.target.value }))}>
                {!zones.includes(form.timeZone) && <option value={form.timeZone}>{form.timeZone}</option>}
                {zones.map((z) => <option key={z} value={z}>{z}</option>)}
              </select>
            </div>
            <p className="field-hint" id="sla-week-hint"><FormattedMessage id="channel.sla.weekHint" /></p>
            <div className="filters">
              {WEEKDAYS.map((d) => {
                const e = err(`week.${d}`);
                return (
                  <div className="field" key={d}>
                    <label htmlFor={`sla-week-${d}`}><FormattedMessage id={`channel.weekday.${d}`} /></label>
                    <input id={`sla-week-${d}`} value={form.week[d]} placeholder={intl.formatMessage({ id: 'channel.sla.closed' })}
                      aria-invalid={Boolean(e)} aria-describedby={`sla-week-hint sla-week-${d}-error`}
                      onChange={(ev) => setForm((f) => ({ ...f, week: { ...f.week, [d]: ev.target.value } }))} />
                    {e && <p id={`sla-week-${d}-error`} className="field-error">{e}</p>}
                  </div>
                );
              })}
            </div>
            <div className="channel-inline-form">
              <div className="field">
                <label htmlFor="sla-holiday"><FormattedMessage id="channel.sla.holiday" /></label>
                <input id="sla-holiday" type="date" value={holiday} onChange={(e) => setHoliday(e.target.value)} />
              </div>
              <button type="button" className="button button-secondary" disabled={!/^\d{4}-\d{2}-\d{2}$/.test(holiday)}
                onClick={() => { if (!form.holidays.includes(holiday)) setForm((f) => ({ ...f, holidays: [...f.holidays, holiday].sort() })); setHoliday(''); }}>
                <FormattedMessage id="channel.sla.addHoliday" />
              </button>
            </div>
            {form.holidays.length === 0 ? <p className="muted"><FormattedMessage id="channel.sla.noHolidays" /></p> : (
              <ul className="channel-holidays" aria-label={intl.formatMessage({ id: 'channel.sla.holidays' })}>
                {form.holidays.map((h) => (
                  <li key={h}>
                    <span>{h}</span>{' '}
                    <button type="button" className="button button-ghost" onClick={() => setForm((f) => ({ ...f, holidays: f.holidays.filter((x) => x !== h) }))}>
                      <FormattedMessage id="channel.sla.removeHoliday" values={{ date: h }} />
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="field channel-check">
              <label>
                <input type="checkbox" checked={form.criticalAroundTheClock} aria-describedby="sla-atc-hint"
                  onChange={(e) => setForm((f) => ({ ...f, criticalAroundTheClock: e.target.checked }))} />{' '}
                <FormattedMessage id="channel.sla.aroundTheClock" />
              </label>
              <p id="sla-atc-hint" className="field-hint"><FormattedMessage id="channel.sla.aroundTheClockHint" /></p>
            </div>
          </fieldset>

          {stale && <p className="notice notice-warning" role="alert"><FormattedMessage id="channel.sla.stale" /></p>}
          <ErrorNotice error={save.error ?? withdraw.error} />
          {apiErrors.length > 0 && (
            <ul className="field-error">{apiErrors.map((e) => <li key={e.field}>{e.field.replace(/^body\./, '')}: {e.message}</li>)}</ul>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              <FormattedMessage id={save.isPending ? 'channel.saving' : 'channel.sla.save'} />
            </button>
            {current && !current.withdrawn && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => { setAnnounce(null); setConfirmWithdraw(true); }}>
                <FormattedMessage id="channel.sla.withdraw" />
              </button>
            )}
            {stale && (
              <button type="button" className="button button-ghost" onClick={() => { save.reset(); withdraw.reset(); void client.invalidateQueries({ queryKey: SLA_KEY }); }}>
                <FormattedMessage id="channel.sla.reload" />
              </button>
            )}
          </div>
          {busy && <p className="visually-hidden" role="status"><FormattedMessage id="channel.saving" /></p>}
          {announce && !busy && <p className="notice notice-success" role="status">{announce}</p>}
        </form>
      ) : (
        current?.policy && <PolicySummary policy={current.policy} />
      )}
      {(policies?.versions.length ?? 0) > 0 && (
        <details className="channel-versions">
          <summary><FormattedMessage id="channel.sla.versions" values={{ count: policies!.versions.length }} /></summary>
          <ol>
            {policies!.versions.map((v) => (
              <li key={v.version}>
                <FormattedMessage id={v.withdrawn ? 'channel.sla.versionWithdrawn' : 'channel.sla.versionSet'} values={{ version: v.version, at: <DateTime value={v.setAt} /> }} />
              </li>
            ))}
          </ol>
        </details>
      )}
      <ConfirmDialog
        isOpen={confirmWithdraw}
        onOpenChange={setConfirmWithdraw}
        title={intl.formatMessage({ id: 'channel.sla.withdrawTitle' }, { scope: scopeLabel })}
        confirmLabel={intl.formatMessage({ id: 'channel.sla.withdraw' })}
        tone="warning"
        onConfirm={() => withdraw.mutate()}
      >
        <p><FormattedMessage id={scope === 'all' ? 'channel.sla.withdrawTextAll' : 'channel.sla.withdrawText'} /></p>
      </ConfirmDialog>
    </section>
  );
}

function AgreementsSection({ data }: { data: SlaPolicies }) {
  const intl = useIntl();
  const { locale } = useLocale();
  return (
    <section className="card" aria-labelledby="sla-agreements">
      <h2 id="sla-agreements"><FormattedMessage id="channel.sla.agreements" /></h2>
      <p className="field-hint"><FormattedMessage id="channel.sla.agreementsHint" /></p>
      {data.agreements.length === 0 ? <EmptyState title={intl.formatMessage({ id: 'channel.sla.agreementsEmpty' })} /> : data.agreements.map((a) => (
        <div key={a.offerId}>
          <h3>{a.offerName}</h3>
          {a.versions.slice(0, 1).map((v) => (
            <div key={v.version}>
              <p><FormattedMessage id="channel.sla.agreementVersion" values={{ version: v.version, at: <DateTime value={v.publishedAt} /> }} /> {locale === 'ko' ? v.why.ko : v.why.en}</p>
              <PolicySummary policy={v.policy} />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
