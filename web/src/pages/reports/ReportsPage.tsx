/**
 * Reports (`/reports`, and as the operator sees them `/operator/reports`): SLA compliance over time
 * by category, severity, offer or party; how long each party held cases; case volume by category,
 * offer or severity — each a chart with its numbers as a table and its CSV from the API. The
 * period, interval and grouping live in the address. The API decides the scope (the viewer's own
 * part, a publisher's offers, the operator's all) and says which it answered.
 */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import type { ComplianceReport, HoldingSummary, OffersReport, VolumeReport } from '../../api/types.ts';
import { useViewer } from '../../app/session.tsx';
import { useLabel } from '../../components/labels.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { ChartFigure, HorizontalBars, PercentLines, StackedBars, type Point, type Series } from './charts.tsx';
import {
  apiPeriod, COMPLIANCE_BY, complianceQuery, csvUrl, INTERVALS, MAX_DAYS, periodProblems, settingsOf, TARGETS, useCompliance, useHoldingSummary, useOffers, useVolume, VIEWS,
  VOLUME_BY, volumeQuery, type ReportSettings,
} from './reportData.ts';

const FILTERS = ['view', 'from', 'to', 'interval', 'by', 'target'] as const;
/** Series drawn at most; the table has every row. */
const MAX_SERIES = 10;

type Bucket = { from: string; to: string };

/** A bucket's short label (axis) and its whole range (table), in UTC as the API cuts them. */
function bucketLabels(intl: IntlShape, interval: string) {
  return {
    short: (b: Bucket) => (interval === 'month'
      ? intl.formatDate(b.from, { year: 'numeric', month: 'short', timeZone: 'UTC' })
      : intl.formatMessage({ id: 'reports.bucket.week' }, { start: intl.formatDate(b.from, { month: 'short', day: 'numeric', timeZone: 'UTC' }) })),
    range: (b: Bucket) => intl.formatDateTimeRange(new Date(b.from), new Date(new Date(b.to).getTime() - 1), { dateStyle: 'medium', timeZone: 'UTC' }),
  };
}

export default function ReportsPage({ marketplace = false }: { marketplace?: boolean }) {
  const intl = useIntl();
  const list = useUrlList(FILTERS);
  const viewer = useViewer();
  const settings = settingsOf(list.filters);
  // Counts per offer over every party's clocks are a publisher's (its offers) and the operator's (all); the API refuses others.
  const views = VIEWS.filter((v) => v !== 'offers' || viewer.organization.kind === 'publisher' || viewer.organization.kind === 'operator');
  const [params] = useSearchParams();
  const appliedValid = Object.keys(periodProblems(settings.from, settings.to)).length === 0;

  const title = intl.formatMessage({ id: marketplace ? 'reports.marketplaceTitle' : 'reports.title' });
  const viewHref = (view: string) => {
    const p = new URLSearchParams(params);
    p.set('view', view);
    if (view !== settings.view) p.delete('by');
    return `?${p.toString()}`;
  };

  return (
    <div className="reports-page">
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id={marketplace ? 'reports.marketplaceIntro' : 'reports.intro'} /></p>

      <nav aria-label={intl.formatMessage({ id: 'reports.views' })}>
        <ul className="report-views">
          {views.map((v) => (
            <li key={v}>
              <Link to={viewHref(v)} className="report-view" aria-current={settings.view === v ? 'page' : undefined}>
                <FormattedMessage id={`reports.view.${v}`} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <PeriodForm key={`${settings.from}|${settings.to}|${settings.interval}`} settings={settings} onApply={(p) => list.apply(p)} />

      {!appliedValid ? (
        <div className="notice notice-warning" role="alert"><p><FormattedMessage id="reports.period.invalidAddress" /></p></div>
      ) : settings.view === 'compliance' ? (
        <ComplianceSection settings={settings} onBy={(by) => list.apply({ by })} onTarget={(target) => list.apply({ target })} />
      ) : settings.view === 'offers' ? (
        <OffersSection settings={settings} />
      ) : settings.view === 'volume' ? (
        <VolumeSection settings={settings} onBy={(by) => list.apply({ by })} />
      ) : (
        <HoldingSection settings={settings} />
      )}
    </div>
  );
}

/** The period and interval, a draft until Show; checked before asking (the API checks again). A new address resets it (key). */
function PeriodForm({ settings, onApply }: { settings: ReportSettings; onApply: (p: { from: string; to: string; interval: string }) => void }) {
  const intl = useIntl();
  const [draft, setDraft] = useState({ from: settings.from, to: settings.to, interval: settings.interval });
  const [submitted, setSubmitted] = useState(false);
  const problems = periodProblems(draft.from, draft.to);
  const showProblem = (field: 'from' | 'to') => (submitted ? problems[field] : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    onApply({ from: draft.from, to: draft.to, interval: draft.interval });
  }

  return (
    <form className="filters report-period" onSubmit={submit} noValidate aria-label={intl.formatMessage({ id: 'reports.period.label' })}>
      <div className="field">
        <label htmlFor="report-from"><FormattedMessage id="reports.period.from" /></label>
        <input id="report-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          aria-invalid={showProblem('from') ? true : undefined} aria-describedby={showProblem('from') ? 'report-from-error' : undefined} />
        {showProblem('from') && <p id="report-from-error" className="field-error"><FormattedMessage id={`reports.period.${showProblem('from')}`} /></p>}
      </div>
      <div className="field">
        <label htmlFor="report-to"><FormattedMessage id="reports.period.to" /></label>
        <input id="report-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          aria-invalid={showProblem('to') ? true : undefined} aria-describedby={showProblem('to') ? 'report-to-error' : undefined} />
        {showProblem('to') && <p id="report-to-error" className="field-error"><FormattedMessage id={`reports.period.${showProblem('to')}`} values={{ days: MAX_DAYS }} /></p>}
      </div>
      {(settings.view === 'compliance' || settings.view === 'volume') && (
        <div className="field">
          <label htmlFor="report-interval"><FormattedMessage id="reports.period.interval" /></label>
          <select id="report-interval" value={draft.interval} aria-describedby="report-interval-hint" onChange={(e) => setDraft({ ...draft, interval: e.target.value as ReportSettings['interval'] })}>
            {INTERVALS.map((i) => <option key={i} value={i}>{intl.formatMessage({ id: `reports.interval.${i}` })}</option>)}
          </select>
          <p id="report-interval-hint" className="field-hint"><FormattedMessage id="reports.period.intervalHint" /></p>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary"><FormattedMessage id="reports.period.apply" /></button>
      </div>
    </form>
  );
}

/** What the API said it covered. */
function ScopeNote({ scope }: { scope: 'own' | 'offers' | 'all' }) {
  return <p className="report-scope"><FormattedMessage id={`reports.scope.${scope}`} /></p>;
}

function CsvLink({ href, label }: { href: string; label: string }) {
  return <a className="button button-secondary" href={href} download>{label}</a>;
}

/** The name of a group value in the viewer's language. */
function useGroupName() {
  const intl = useIntl();
  const label = useLabel();
  return (by: string, row: { category?: string; severity?: string; offer?: { id: string; name: string | null } | null; party?: { orgId: string; name: string | null } }) => {
    if (by === 'category') return label('category', row.category ?? '');
    if (by === 'severity') return label('severity', row.severity ?? '');
    if (by === 'offer') return row.offer ? row.offer.name ?? row.offer.id : intl.formatMessage({ id: 'reports.noOffer' });
    return row.party ? row.party.name ?? row.party.orgId : '';
  };
}

const keyOf = (by: string, row: { category?: string; severity?: string; offer?: { id: string } | null; party?: { orgId: string } }) =>
  (by === 'category' ? row.category : by === 'severity' ? row.severity : by === 'offer' ? row.offer?.id ?? '—' : row.party?.orgId) ?? '';

/** Series of the rows by the grouping, the biggest first (by `weight`), at most MAX_SERIES. */
function seriesOf<R extends Parameters<typeof keyOf>[1]>(rows: R[], by: string, name: (row: R) => string, weight: (row: R) => number) {
  const totals = new Map<string, { name: string; weight: number }>();
  for (const r of rows) {
    const k = keyOf(by, r);
    const t = totals.get(k) ?? { name: name(r), weight: 0 };
    t.weight += weight(r);
    totals.set(k, t);
  }
  const kept = [...totals.entries()].sort((a, b) => b[1].weight - a[1].weight).slice(0, MAX_SERIES);
  const keyFor = new Map(kept.map(([k], i) => [k, `s${i}`]));
  const series: Series[] = kept.map(([, t], i) => ({ key: `s${i}`, name: t.name }));
  return { series, keyFor, hidden: totals.size - kept.length };
}

function ComplianceSection({ settings, onBy, onTarget }: { settings: ReportSettings; onBy: (by: string) => void; onTarget: (t: string) => void }) {
  const intl = useIntl();
  const groupName = useGroupName();
  const report = useCompliance(settings, true);
  const labels = bucketLabels(intl, settings.interval);
  const by = settings.by;
  const target = settings.target;
  const query = complianceQuery(settings);
  const csv = csvUrl('/sla-reports/compliance', query);

  return (
    <section aria-labelledby="report-compliance-title" className="report-section">
      <h2 id="report-compliance-title"><FormattedMessage id="reports.compliance.title" /></h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="report-by"><FormattedMessage id="reports.by" /></label>
          <select id="report-by" value={by} onChange={(e) => onBy(e.target.value)}>
            {COMPLIANCE_BY.map((d) => <option key={d} value={d}>{intl.formatMessage({ id: `reports.dimension.${d}` })}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-target"><FormattedMessage id="reports.target" /></label>
          <select id="report-target" value={target} onChange={(e) => onTarget(e.target.value)}>
            {TARGETS.map((t) => <option key={t} value={t}>{intl.formatMessage({ id: `reports.target.${t}` })}</option>)}
          </select>
        </div>
        <div className="button-row"><CsvLink href={csv} label={intl.formatMessage({ id: 'reports.csv' })} /></div>
      </div>
      {report.isPending && <Loading />}
      <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      {report.data && <ComplianceBody report={report.data} by={by} target={target} labels={labels} groupName={groupName} />}
    </section>
  );
}

function ComplianceBody({ report, by, target, labels, groupName }: {
  report: ComplianceReport; by: string; target: 'firstResponse' | 'resolution'; labels: ReturnType<typeof bucketLabels>; groupName: ReturnType<typeof useGroupName>;
}) {
  const intl = useIntl();
  if (report.rows.length === 0) {
    return <><ScopeNote scope={report.scope} /><EmptyState title={intl.formatMessage({ id: 'reports.empty' })}><p><FormattedMessage id="reports.emptyHint" /></p></EmptyState></>;
  }
  const { series, keyFor, hidden } = seriesOf(report.rows, by, (r) => groupName(by, r), (r) => r[target].clocks);
  const points: Point[] = report.buckets.map((b) => {
    const point: Point = { label: labels.short(b) };
    for (const r of report.rows) {
      const k = keyFor.get(keyOf(by, r));
      if (k && r.bucket?.from === b.from) point[k] = r[target].compliance;
    }
    return point;
  });
  const targetName = intl.formatMessage({ id: `reports.target.${target}` });
  const dimension = intl.formatMessage({ id: `reports.dimensionInSentence.${by}` });
  const column = intl.formatMessage({ id: `reports.dimension.${by}` });
  const percent = (v: number | null) => (v === null ? intl.formatMessage({ id: 'reports.noValue' }) : intl.formatNumber(v, { style: 'percent', maximumFractionDigits: 1 }));
  const minutes = (v: number | null) => (v === null ? intl.formatMessage({ id: 'reports.noValue' }) : intl.formatNumber(v, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }));
  return (
    <>
      <ScopeNote scope={report.scope} />
      <ChartFigure
        title={intl.formatMessage({ id: 'reports.compliance.chart' }, { target: targetName, dimension })}
        summary={intl.formatMessage({ id: 'reports.compliance.summary' }, { target: targetName, dimension, series: series.length, buckets: report.buckets.length })}
        chart={<PercentLines points={points} series={series} />}
        table={(
          <table>
            <caption><FormattedMessage id="reports.compliance.caption" values={{ target: targetName, dimension }} /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id={`reports.col.${report.interval ?? 'week'}`} /></th>
                <th scope="col">{column}</th>
                <th scope="col"><FormattedMessage id="reports.col.cases" /></th>
                <th scope="col"><FormattedMessage id="reports.col.met" /></th>
                <th scope="col"><FormattedMessage id="reports.col.breached" /></th>
                <th scope="col"><FormattedMessage id="reports.col.open" /></th>
                <th scope="col"><FormattedMessage id="reports.col.compliance" /></th>
                <th scope="col"><FormattedMessage id="reports.col.median" /></th>
                <th scope="col"><FormattedMessage id="reports.col.p90" /></th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r, i) => (
                <tr key={i}>
                  <th scope="row">{r.bucket ? labels.range(r.bucket) : ''}</th>
                  <td>{groupName(by, r)}</td>
                  <td>{intl.formatNumber(r.cases)}</td>
                  <td>{intl.formatNumber(r[target].met)}</td>
                  <td>{intl.formatNumber(r[target].breached)}</td>
                  <td>{intl.formatNumber(r[target].open)}</td>
                  <td>{percent(r[target].compliance)}</td>
                  <td>{minutes(r[target].medianMinutes)}</td>
                  <td>{minutes(r[target].p90Minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
      {hidden > 0 && <p className="muted"><FormattedMessage id="reports.moreSeries" values={{ count: hidden }} /></p>}
    </>
  );
}

function VolumeSection({ settings, onBy }: { settings: ReportSettings; onBy: (by: string) => void }) {
  const intl = useIntl();
  const groupName = useGroupName();
  const report = useVolume(settings, true);
  const labels = bucketLabels(intl, settings.interval);
  const by = settings.by;
  const csv = csvUrl('/sla-reports/volume', volumeQuery(settings));
  return (
    <section aria-labelledby="report-volume-title" className="report-section">
      <h2 id="report-volume-title"><FormattedMessage id="reports.volume.title" /></h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="report-by"><FormattedMessage id="reports.by" /></label>
          <select id="report-by" value={by} onChange={(e) => onBy(e.target.value)}>
            {VOLUME_BY.map((d) => <option key={d} value={d}>{intl.formatMessage({ id: `reports.dimension.${d}` })}</option>)}
          </select>
        </div>
        <div className="button-row"><CsvLink href={csv} label={intl.formatMessage({ id: 'reports.csv' })} /></div>
      </div>
      {report.isPending && <Loading />}
      <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      {report.data && <VolumeBody report={report.data} by={by} labels={labels} groupName={groupName} />}
    </section>
  );
}

function VolumeBody({ report, by, labels, groupName }: { report: VolumeReport; by: string; labels: ReturnType<typeof bucketLabels>; groupName: ReturnType<typeof useGroupName> }) {
  const intl = useIntl();
  if (report.rows.length === 0) {
    return <><ScopeNote scope={report.scope} /><EmptyState title={intl.formatMessage({ id: 'reports.empty' })}><p><FormattedMessage id="reports.emptyHint" /></p></EmptyState></>;
  }
  const { series, keyFor, hidden } = seriesOf(report.rows, by, (r) => groupName(by, r), (r) => r.opened);
  const points: Point[] = report.buckets.map((b) => {
    const point: Point = { label: labels.short(b) };
    for (const r of report.rows) {
      const k = keyFor.get(keyOf(by, r));
      if (k && r.bucket?.from === b.from) point[k] = ((point[k] as number | undefined) ?? 0) + r.opened;
    }
    return point;
  });
  const dimension = intl.formatMessage({ id: `reports.dimensionInSentence.${by}` });
  const column = intl.formatMessage({ id: `reports.dimension.${by}` });
  return (
    <>
      <ScopeNote scope={report.scope} />
      <ChartFigure
        title={intl.formatMessage({ id: 'reports.volume.chart' }, { dimension })}
        summary={intl.formatMessage({ id: 'reports.volume.summary' }, { dimension, series: series.length, buckets: report.buckets.length })}
        chart={<StackedBars points={points} series={series} />}
        table={(
          <table>
            <caption><FormattedMessage id="reports.volume.caption" values={{ dimension }} /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id={`reports.col.${report.interval ?? 'week'}`} /></th>
                <th scope="col">{column}</th>
                <th scope="col"><FormattedMessage id="reports.col.opened" /></th>
                <th scope="col"><FormattedMessage id="reports.col.done" /></th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r, i) => (
                <tr key={i}>
                  <th scope="row">{r.bucket ? labels.range(r.bucket) : ''}</th>
                  <td>{groupName(by, r)}</td>
                  <td>{intl.formatNumber(r.opened)}</td>
                  <td>{intl.formatNumber(r.done)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
      {hidden > 0 && <p className="muted"><FormattedMessage id="reports.moreSeries" values={{ count: hidden }} /></p>}
    </>
  );
}

function HoldingSection({ settings }: { settings: ReportSettings }) {
  const intl = useIntl();
  const report = useHoldingSummary(settings, true);
  const period = apiPeriod(settings);
  return (
    <section aria-labelledby="report-holding-title" className="report-section">
      <h2 id="report-holding-title"><FormattedMessage id="reports.holding.title" /></h2>
      <div className="button-row report-csv">
        <CsvLink href={csvUrl('/sla-reports/holding/summary', period)} label={intl.formatMessage({ id: 'reports.csv' })} />
        <CsvLink href={csvUrl('/sla-reports/holding', period)} label={intl.formatMessage({ id: 'reports.holding.csvCases' })} />
      </div>
      {report.isPending && <Loading />}
      <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      {report.data && <HoldingBody report={report.data} />}
    </section>
  );
}

function HoldingBody({ report }: { report: HoldingSummary }) {
  const intl = useIntl();
  if (report.rows.length === 0) {
    return <><ScopeNote scope={report.scope} /><EmptyState title={intl.formatMessage({ id: 'reports.empty' })}><p><FormattedMessage id="reports.emptyHint" /></p></EmptyState></>;
  }
  const hoursOf = (m: number | null) => (m === null ? null : Math.round((m / 60) * 10) / 10);
  const series: Series[] = [
    { key: 'median', name: intl.formatMessage({ id: 'reports.holding.median' }) },
    { key: 'p90', name: intl.formatMessage({ id: 'reports.holding.p90' }) },
  ];
  const points: Point[] = report.rows.map((r) => ({ label: r.party.name ?? r.party.orgId, median: hoursOf(r.medianBusinessMinutes), p90: hoursOf(r.p90BusinessMinutes) }));
  const hours = (m: number | null) => (m === null ? intl.formatMessage({ id: 'reports.noValue' }) : intl.formatNumber(m / 60, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }));
  return (
    <>
      <ScopeNote scope={report.scope} />
      <ChartFigure
        title={intl.formatMessage({ id: 'reports.holding.chart' })}
        summary={intl.formatMessage({ id: 'reports.holding.summary' }, { parties: report.rows.length })}
        chart={<HorizontalBars points={points} series={series} unit="hour" />}
        table={(
          <table>
            <caption><FormattedMessage id="reports.holding.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="reports.col.party" /></th>
                <th scope="col"><FormattedMessage id="reports.col.cases" /></th>
                <th scope="col"><FormattedMessage id="reports.col.times" /></th>
                <th scope="col"><FormattedMessage id="reports.holding.median" /></th>
                <th scope="col"><FormattedMessage id="reports.holding.p90" /></th>
                <th scope="col"><FormattedMessage id="reports.col.totalBusiness" /></th>
                <th scope="col"><FormattedMessage id="reports.col.totalWall" /></th>
                <th scope="col"><FormattedMessage id="reports.col.waiting" /></th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.party.orgId}>
                  <th scope="row">{r.party.name ?? r.party.orgId}</th>
                  <td>{intl.formatNumber(r.cases)}</td>
                  <td>{intl.formatNumber(r.times)}</td>
                  <td>{hours(r.medianBusinessMinutes)}</td>
                  <td>{hours(r.p90BusinessMinutes)}</td>
                  <td>{hours(r.totalBusinessMinutes)}</td>
                  <td>{hours(r.totalMinutes)}</td>
                  <td>{hours(r.totalWaitingMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
    </>
  );
}

function OffersSection({ settings }: { settings: ReportSettings }) {
  const intl = useIntl();
  const report = useOffers(settings, true);
  return (
    <section aria-labelledby="report-offers-title" className="report-section">
      <h2 id="report-offers-title"><FormattedMessage id="reports.offers.title" /></h2>
      <p className="muted"><FormattedMessage id="reports.offers.intro" /></p>
      <div className="button-row report-csv">
        <CsvLink href={csvUrl('/sla-reports/offers', apiPeriod(settings))} label={intl.formatMessage({ id: 'reports.csv' })} />
      </div>
      {report.isPending && <Loading />}
      <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      {report.data && <OffersBody report={report.data} />}
    </section>
  );
}

function OffersBody({ report }: { report: OffersReport }) {
  const intl = useIntl();
  if (report.rows.length === 0) {
    return <><ScopeNote scope={report.scope === 'offers' ? 'offers' : 'all'} /><EmptyState title={intl.formatMessage({ id: 'reports.empty' })}><p><FormattedMessage id="reports.emptyHint" /></p></EmptyState></>;
  }
  const nameOf = (offer: OffersReport['rows'][number]['offer']) => (offer ? offer.name ?? offer.id : intl.formatMessage({ id: 'reports.noOffer' }));
  const series: Series[] = [
    { key: 'firstResponse', name: intl.formatMessage({ id: 'reports.target.firstResponse' }) },
    { key: 'resolution', name: intl.formatMessage({ id: 'reports.target.resolution' }) },
  ];
  const points: Point[] = report.rows.map((r) => ({ label: nameOf(r.offer), firstResponse: r.firstResponse.compliance, resolution: r.resolution.compliance }));
  const percent = (v: number | null) => (v === null ? intl.formatMessage({ id: 'reports.noValue' }) : intl.formatNumber(v, { style: 'percent', maximumFractionDigits: 1 }));
  return (
    <>
      <p className="report-scope"><FormattedMessage id={report.scope === 'offers' ? 'reports.offers.scopeOffers' : 'reports.offers.scopeAll'} /></p>
      <ChartFigure
        title={intl.formatMessage({ id: 'reports.offers.chart' })}
        summary={intl.formatMessage({ id: 'reports.offers.summary' }, { offers: report.rows.length })}
        chart={<HorizontalBars points={points} series={series} unit="percent" />}
        table={(
          <table>
            <caption><FormattedMessage id="reports.offers.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="reports.dimension.offer" /></th>
                <th scope="col"><FormattedMessage id="reports.col.cases" /></th>
                <th scope="col"><FormattedMessage id="reports.offers.frMet" /></th>
                <th scope="col"><FormattedMessage id="reports.offers.frBreached" /></th>
                <th scope="col"><FormattedMessage id="reports.offers.frCompliance" /></th>
                <th scope="col"><FormattedMessage id="reports.offers.resMet" /></th>
                <th scope="col"><FormattedMessage id="reports.offers.resBreached" /></th>
                <th scope="col"><FormattedMessage id="reports.offers.resCompliance" /></th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.offer?.id ?? 'none'}>
                  <th scope="row">{nameOf(r.offer)}</th>
                  <td>{intl.formatNumber(r.cases)}</td>
                  <td>{intl.formatNumber(r.firstResponse.met)}</td>
                  <td>{intl.formatNumber(r.firstResponse.breached)}</td>
                  <td>{percent(r.firstResponse.compliance)}</td>
                  <td>{intl.formatNumber(r.resolution.met)}</td>
                  <td>{intl.formatNumber(r.resolution.breached)}</td>
                  <td>{percent(r.resolution.compliance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
    </>
  );
}
