/**
 * The third-party customer agreement of an offer: every version, newest first, with its support
 * commitments (first response and resolution per severity, support hours, time zone, the hours
 * per weekday and holidays, critical cases around the clock), and publishing a new version —
 * earlier ones never change; new purchases accept the newest. Idempotent, confirmed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey } from '../../api/client.ts';
import type { Agreement, OfferDetails, PublishAgreementBody } from '../../api/types.ts';
import { ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading } from '../../components/ui.tsx';
import { agreementsKey, lines, offerKey, SEVERITIES, useAgreements, WEEKDAYS } from './data.ts';
import { useDuration } from './parts.tsx';
import { PublishingError } from './PublishingError.tsx';

type Severity = (typeof SEVERITIES)[number];
type Weekday = (typeof WEEKDAYS)[number];
/** A day's open hours as typed: its windows, `09:00-12:00, 13:00-18:00`. */
interface DayValue { open: boolean; hours: string }
interface AgreementFormValues {
  title: string; body: string;
  firstResponse: Record<Severity, number>; resolution: Record<Severity, number>;
  supportHours: string; timeZone: string; useCalendar: boolean; week: Record<Weekday, DayValue>; holidays: string; criticalAroundTheClock: boolean;
}

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

type Window = { start: string; end: string };
/** A day's typed hours as windows, sorted, or why they can't be. */
function parseWindows(text: string): { windows: Window[] } | { problem: 'timeInvalid' | 'endAfterStart' | 'windowsOverlap' | 'tooMany' } {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length === 0) return { problem: 'timeInvalid' };
  if (parts.length > 12) return { problem: 'tooMany' };
  const windows: Window[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return { problem: 'timeInvalid' };
    const [start, end] = [m[1]!.padStart(5, '0'), m[2]!.padStart(5, '0')];
    if (!HHMM.test(start) || !HHMM.test(end) || start === '24:00') return { problem: 'timeInvalid' };
    if (end <= start) return { problem: 'endAfterStart' };
    windows.push({ start, end });
  }
  windows.sort((a, b) => a.start.localeCompare(b.start));
  if (windows.some((w, i) => i > 0 && w.start < windows[i - 1]!.end)) return { problem: 'windowsOverlap' };
  return { windows };
}

function formValues(a: Agreement | undefined): AgreementFormValues {
  const c = a?.commitments;
  const week = Object.fromEntries(WEEKDAYS.map((d) => {
    const w = c?.calendar?.week[d] ?? [];
    const weekday = d !== 'sat' && d !== 'sun';
    return [d, w.length > 0 ? { open: true, hours: w.map((x) => `${x.start}-${x.end}`).join(', ') } : { open: !c?.calendar && weekday, hours: '09:00-18:00' }];
  })) as Record<Weekday, DayValue>;
  return {
    title: a?.title ?? '', body: a?.body ?? '',
    firstResponse: c?.firstResponseMinutes ?? { critical: 60, moderate: 240, minimal: 1440 },
    resolution: c?.resolutionMinutes ?? { critical: 480, moderate: 2400, minimal: 7200 },
    supportHours: c?.supportHours ?? 'Mon-Fri 09:00-18:00', timeZone: c?.timeZone ?? 'UTC',
    useCalendar: Boolean(c?.calendar) || !a, week, holidays: (c?.calendar?.holidays ?? []).join('\n'),
    criticalAroundTheClock: c?.criticalAroundTheClock ?? false,
  };
}

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function AgreementsTab({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const agreements = useAgreements(offer.id);
  const [publishing, setPublishing] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const items = agreements.data?.items ?? [];
  return (
    <div>
      <div className="publishing-head">
        <h2><FormattedMessage id="publishing.agreements.title" /></h2>
        {!publishing && agreements.isSuccess && (
          <button type="button" className="button button-primary" onClick={() => { setDone(null); setPublishing(true); }}>
            <FormattedMessage id="publishing.agreements.new" />
          </button>
        )}
      </div>
      <p className="publishing-muted"><FormattedMessage id="publishing.agreements.intro" /></p>
      <div aria-live="polite">
        {done !== null && <p className="notice notice-success" role="status"><FormattedMessage id="publishing.agreements.published" values={{ version: done }} /></p>}
      </div>
      {agreements.isPending && <Loading />}
      <ErrorNotice error={agreements.error} onRetry={() => void agreements.refetch()} />
      {publishing && agreements.isSuccess && (
        <AgreementForm offer={offer} current={items[0]} onCancel={() => setPublishing(false)}
          onDone={(a) => { setPublishing(false); setDone(a.version); }} />
      )}
      {agreements.isSuccess && items.length === 0 && !publishing && (
        <EmptyState title={intl.formatMessage({ id: 'publishing.agreements.empty' })}><p><FormattedMessage id="publishing.agreements.emptyHint" /></p></EmptyState>
      )}
      {items.map((a, i) => <AgreementCard key={a.id} agreement={a} current={i === 0} />)}
    </div>
  );
}

function AgreementCard({ agreement: a, current }: { agreement: Agreement; current: boolean }) {
  const intl = useIntl();
  const duration = useDuration();
  const c = a.commitments;
  const id = `agreement-${a.version}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>
        <FormattedMessage id="publishing.agreements.version" values={{ version: a.version }} />{' — '}{a.title}
        {current && <> <span className="badge badge-good"><FormattedMessage id="publishing.agreements.current" /></span></>}
      </h3>
      <p className="publishing-muted"><FormattedMessage id="publishing.agreements.publishedAt" values={{ when: <DateTime value={a.publishedAt} /> }} /></p>
      <div className="table-wrap">
        <table className="responsive">
          <caption><FormattedMessage id="publishing.agreements.targetsCaption" values={{ version: a.version }} /></caption>
          <thead>
            <tr>
              <th scope="col"><FormattedMessage id="publishing.agreements.severity" /></th>
              <th scope="col"><FormattedMessage id="publishing.agreements.firstResponse" /></th>
              <th scope="col"><FormattedMessage id="publishing.agreements.resolution" /></th>
            </tr>
          </thead>
          <tbody>
            {SEVERITIES.map((s) => (
              <tr key={s}>
                <th scope="row">{intl.formatMessage({ id: `enum.severity.${s}` })}</th>
                <td data-label={intl.formatMessage({ id: 'publishing.agreements.firstResponse' })}>{duration(c.firstResponseMinutes[s])}</td>
                <td data-label={intl.formatMessage({ id: 'publishing.agreements.resolution' })}>{duration(c.resolutionMinutes[s])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts publishing-facts">
        <dt><FormattedMessage id="publishing.agreements.supportHours" /></dt><dd>{c.supportHours}</dd>
        <dt><FormattedMessage id="publishing.agreements.timeZone" /></dt><dd>{c.timeZone}</dd>
        {c.calendar && (
          <>
            <dt><FormattedMessage id="publishing.agreements.week" /></dt>
            <dd>{WEEKDAYS.map((d) => {
              const w = c.calendar!.week[d];
              return `${intl.formatMessage({ id: `publishing.weekday.${d}` })} ${w.length === 0 ? intl.formatMessage({ id: 'publishing.agreements.closed' }) : w.map((x) => `${x.start}–${x.end}`).join(', ')}`;
            }).join(' · ')}</dd>
            <dt><FormattedMessage id="publishing.agreements.holidays" /></dt>
            <dd>{c.calendar.holidays.length === 0 ? intl.formatMessage({ id: 'common.none' }) : c.calendar.holidays.join(', ')}</dd>
          </>
        )}
        <dt><FormattedMessage id="publishing.agreements.critical247" /></dt>
        <dd><FormattedMessage id={c.criticalAroundTheClock ? 'publishing.agreements.yes' : 'publishing.agreements.no'} /></dd>
      </dl>
      <details className="publishing-agreement-text">
        <summary><FormattedMessage id="publishing.agreements.showText" /></summary>
        {a.body.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
      </details>
    </section>
  );
}

function AgreementForm({ offer, current, onCancel, onDone }: { offer: OfferDetails; current: Agreement | undefined; onCancel: () => void; onDone: (a: Agreement) => void }) {
  const intl = useIntl();
  const client = useQueryClient();
  const duration = useDuration();
  const zones = useMemo(() => timeZones(), []);
  const idempotency = useRef<{ key: string; input: string } | null>(null);
  const [pending, setPending] = useState<PublishAgreementBody | null>(null);
  const { register, handleSubmit, control, getValues, formState: { errors } } = useForm<AgreementFormValues>({ defaultValues: formValues(current), mode: 'onTouched' });
  const [firstResponse, resolution, useCalendar, week] = useWatch({ control, name: ['firstResponse', 'resolution', 'useCalendar', 'week'] });
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `publishing.agreements.${id}` }, values);
  const required = intl.formatMessage({ id: 'publishing.form.required' });

  const publish = useMutation({
    mutationFn: ({ body, key }: { body: PublishAgreementBody; key: string }) =>
      api<Agreement>('POST', `/offers/${encodeURIComponent(offer.id)}/agreements`, { body, idempotencyKey: key }),
    onSuccess: (a) => {
      idempotency.current = null;
      void client.invalidateQueries({ queryKey: agreementsKey(offer.id) });
      void client.invalidateQueries({ queryKey: offerKey(offer.id) });
      onDone(a);
    },
  });

  function toBody(v: AgreementFormValues): PublishAgreementBody {
    const num = (r: Record<Severity, number>) => ({ critical: Number(r.critical), moderate: Number(r.moderate), minimal: Number(r.minimal) });
    return {
      title: v.title.trim(), body: v.body.trim(),
      commitments: {
        firstResponseMinutes: num(v.firstResponse), resolutionMinutes: num(v.resolution),
        supportHours: v.supportHours.trim(), timeZone: v.timeZone,
        ...(v.useCalendar ? {
          calendar: {
            timeZone: v.timeZone,
            week: Object.fromEntries(WEEKDAYS.map((d) => {
              const parsed = v.week[d].open ? parseWindows(v.week[d].hours) : null;
              return [d, parsed && 'windows' in parsed ? parsed.windows : []];
            })) as Record<Weekday, Window[]>,
            holidays: [...new Set(lines(v.holidays))].sort(),
          },
        } : {}),
        criticalAroundTheClock: v.criticalAroundTheClock,
      },
    };
  }

  function send() {
    if (!pending) return;
    const input = JSON.stringify(pending);
    if (!idempotency.current || idempotency.current.input !== input) idempotency.current = { key: newIdempotencyKey(), input };
    publish.mutate({ body: pending, key: idempotency.current.key });
  }

  const minutes = (kind: 'firstResponse' | 'resolution', s: Severity) => ({
    valueAsNumber: true as const,
    validate: (n: number) => {
      if (!Number.isInteger(n) || n < 1 || n > 525_600) return t('minutesRange');
      const v = getValues();
      if (kind === 'resolution' && n < Number(v.firstResponse[s])) return t('resolutionBeforeResponse');
      const i = SEVERITIES.indexOf(s);
      const less = SEVERITIES[i + 1];
      if (less && n > Number(v[kind][less])) return t('slowerThanLess', { less: intl.formatMessage({ id: `enum.severity.${less}` }) });
      return true;
    },
    deps: SEVERITIES.flatMap((x) => [`firstResponse.${x}`, `resolution.${x}`] as const).filter((p) => p !== `${kind}.${s}`),
  });

  return (
    <section className="card publishing-agreement-form" aria-labelledby="agreement-new-title">
      <h3 id="agreement-new-title"><FormattedMessage id="publishing.agreements.newTitle" values={{ version: (current?.version ?? 0) + 1 }} /></h3>
      <p className="field-hint"><FormattedMessage id={current ? 'publishing.agreements.prefilled' : 'publishing.agreements.first'} values={{ version: current?.version ?? 0 }} /></p>
      <form className="form" noValidate onSubmit={(e) => void handleSubmit((v) => { publish.reset(); setPending(toBody(v)); })(e)}>
        <div className="field">
          <label htmlFor="agreement-title"><FormattedMessage id="publishing.agreements.docTitle" /></label>
          <input id="agreement-title" aria-invalid={Boolean(errors.title)} aria-describedby={errors.title ? 'agreement-title-error' : undefined}
            {...register('title', { validate: (v) => (v.trim().length > 0 && v.length <= 200) || required })} />
          {errors.title && <p id="agreement-title-error" className="field-error">{errors.title.message}</p>}
        </div>
        <div className="field">
          <label htmlFor="agreement-body"><FormattedMessage id="publishing.agreements.body" /></label>
          <textarea id="agreement-body" rows={8} aria-invalid={Boolean(errors.body)} aria-describedby={errors.body ? 'agreement-body-error' : 'agreement-body-hint'}
            {...register('body', { validate: (v) => (v.trim().length > 0 && v.length <= 200_000) || required })} />
          {errors.body ? <p id="agreement-body-error" className="field-error">{errors.body.message}</p>
            : <p id="agreement-body-hint" className="field-hint"><FormattedMessage id="publishing.agreements.bodyHint" /></p>}
        </div>
        <fieldset className="field">
          <legend><FormattedMessage id="publishing.agreements.targets" /></legend>
          <p className="field-hint"><FormattedMessage id="publishing.agreements.targetsHint" /></p>
          <div className="table-wrap">
            <table className="publishing-targets">
              <caption className="visually-hidden"><FormattedMessage id="publishing.agreements.targets" /></caption>
              <thead>
                <tr>
                  <th scope="col"><FormattedMessage id="publishing.agreements.severity" /></th>
                  <th scope="col"><FormattedMessage id="publishing.agreements.firstResponseMinutes" /></th>
                  <th scope="col"><FormattedMessage id="publishing.agreements.resolutionMinutes" /></th>
                </tr>
              </thead>
              <tbody>
                {SEVERITIES.map((s) => {
                  const sev = intl.formatMessage({ id: `enum.severity.${s}` });
                  const fe = errors.firstResponse?.[s];
                  const re = errors.resolution?.[s];
                  return (
                    <tr key={s}>
                      <th scope="row">{sev}</th>
                      <td>
                        <input type="number" inputMode="numeric" min={1} max={525600} aria-label={t('firstResponseFor', { severity: sev })}
                          aria-invalid={Boolean(fe)} aria-describedby={`agreement-fr-${s}-note`} {...register(`firstResponse.${s}`, minutes('firstResponse', s))} />
                        <p id={`agreement-fr-${s}-note`} className={fe ? 'field-error' : 'field-hint'}>{fe?.message ?? duration(Number(firstResponse?.[s]))}</p>
                      </td>
                      <td>
                        <input type="number" inputMode="numeric" min={1} max={525600} aria-label={t('resolutionFor', { severity: sev })}
                          aria-invalid={Boolean(re)} aria-describedby={`agreement-rs-${s}-note`} {...register(`resolution.${s}`, minutes('resolution', s))} />
                        <p id={`agreement-rs-${s}-note`} className={re ? 'field-error' : 'field-hint'}>{re?.message ?? duration(Number(resolution?.[s]))}</p>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div className="publishing-grid">
          <div className="field">
            <label htmlFor="agreement-hours"><FormattedMessage id="publishing.agreements.supportHours" /></label>
            <input id="agreement-hours" aria-invalid={Boolean(errors.supportHours)} aria-describedby={errors.supportHours ? 'agreement-hours-error' : 'agreement-hours-hint'}
              {...register('supportHours', { validate: (v) => (v.trim().length > 0 && v.length <= 200) || required })} />
            {errors.supportHours ? <p id="agreement-hours-error" className="field-error">{errors.supportHours.message}</p>
              : <p id="agreement-hours-hint" className="field-hint"><FormattedMessage id="publishing.agreements.supportHoursHint" /></p>}
          </div>
          <div className="field">
            <label htmlFor="agreement-zone"><FormattedMessage id="publishing.agreements.timeZone" /></label>
            {zones.length > 0 ? (
              <select id="agreement-zone" {...register('timeZone', { required })}>
                {!zones.includes(getValues('timeZone')) && <option value={getValues('timeZone')}>{getValues('timeZone')}</option>}
                {zones.map((z) => <option key={z} value={z}>{z}</option>)}
              </select>
            ) : (
              <input id="agreement-zone" {...register('timeZone', { required })} />
            )}
          </div>
        </div>
        <div className="field">
          <label className="checkbox"><input type="checkbox" {...register('criticalAroundTheClock')} aria-describedby="agreement-247-hint" /> <FormattedMessage id="publishing.agreements.critical247Label" /></label>
          <p id="agreement-247-hint" className="field-hint"><FormattedMessage id="publishing.agreements.critical247Hint" /></p>
        </div>
        <div className="field">
          <label className="checkbox"><input type="checkbox" {...register('useCalendar')} aria-describedby="agreement-calendar-hint" /> <FormattedMessage id="publishing.agreements.useCalendar" /></label>
          <p id="agreement-calendar-hint" className="field-hint"><FormattedMessage id="publishing.agreements.useCalendarHint" /></p>
        </div>
        {useCalendar && (
          <>
            <fieldset className="field">
              <legend><FormattedMessage id="publishing.agreements.week" /></legend>
              <p id="agreement-week-hint" className="field-hint"><FormattedMessage id="publishing.agreements.weekHint" /></p>
              <div className="publishing-week">
                {WEEKDAYS.map((d) => {
                  const day = intl.formatMessage({ id: `publishing.weekday.${d}` });
                  const open = week?.[d]?.open;
                  const e = errors.week?.[d];
                  return (
                    <div key={d} className="publishing-day">
                      <label className="checkbox"><input type="checkbox" {...register(`week.${d}.open`, {
                        validate: () => WEEKDAYS.some((x) => getValues(`week.${x}.open`)) || t('neverOpen'),
                      })} /> {day}</label>
                      <label className="visually-hidden" htmlFor={`agreement-${d}-hours`}>{t('hoursOf', { day })}</label>
                      <input id={`agreement-${d}-hours`} disabled={!open} aria-invalid={Boolean(e?.hours)} placeholder="09:00-18:00"
                        aria-describedby={e?.hours ? `agreement-${d}-hours-error` : 'agreement-week-hint'}
                        {...register(`week.${d}.hours`, {
                          validate: (v) => {
                            if (!getValues(`week.${d}.open`)) return true;
                            const parsed = parseWindows(v ?? '');
                            return 'windows' in parsed || t(parsed.problem);
                          },
                        })} />
                      {(e?.hours || e?.open) && <p id={`agreement-${d}-hours-error`} className="field-error">{e?.hours?.message ?? e?.open?.message}</p>}
                    </div>
                  );
                })}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor="agreement-holidays"><FormattedMessage id="publishing.agreements.holidays" /> <span className="publishing-muted"><FormattedMessage id="publishing.form.optional" /></span></label>
              <textarea id="agreement-holidays" rows={3} aria-invalid={Boolean(errors.holidays)} aria-describedby={errors.holidays ? 'agreement-holidays-error' : 'agreement-holidays-hint'}
                {...register('holidays', {
                  validate: (v) => {
                    const bad = lines(v).filter((l) => !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(l) || Number.isNaN(Date.parse(`${l}T00:00:00Z`)));
                    return bad.length === 0 || t('holidaysInvalid', { bad: bad.join(', ') });
                  },
                })} />
              {errors.holidays ? <p id="agreement-holidays-error" className="field-error">{errors.holidays.message}</p>
                : <p id="agreement-holidays-hint" className="field-hint"><FormattedMessage id="publishing.agreements.holidaysHint" /></p>}
            </div>
          </>
        )}
        <PublishingError error={publish.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={publish.isPending}>
            <FormattedMessage id={publish.isPending ? 'publishing.agreements.publishing' : 'publishing.agreements.publish'} />
          </button>
          <button type="button" className="button button-ghost" onClick={onCancel}><FormattedMessage id="common.cancel" /></button>
        </div>
        {publish.isPending && <p role="status" className="visually-hidden"><FormattedMessage id="publishing.agreements.publishing" /></p>}
      </form>
      <ConfirmDialog isOpen={pending !== null}
        onOpenChange={(open) => { if (!open) setPending(null); }}
        title={t('confirmTitle', { version: (current?.version ?? 0) + 1 })}
        confirmLabel={t('publish')}
        onConfirm={send}>
        <p><FormattedMessage id="publishing.agreements.confirmBody" /></p>
      </ConfirmDialog>
    </section>
  );
}
