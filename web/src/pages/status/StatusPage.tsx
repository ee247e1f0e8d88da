/**
 * An offer's status page (`/status/:offerId`), for every signed-in user who reads incidents: how
 * the offer is doing now (operational, under maintenance, degraded or down — the worst impact of
 * its open incidents, as the API says), the open incidents with their latest update, and the
 * incidents of the past 90 days, with a day-by-day strip. An incident links to its page only when
 * it reaches the viewer's organization (the API's `canOpen`).
 */
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { OfferServiceStatus } from '../../api/types.ts';
import { Badge, DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { IMPACT_TONE, STATE_TONE, useOfferStatus } from '../incidents/incidentsData.ts';

type StatusIncident = OfferServiceStatus['open'][number];
const DAY = 86_400_000;
const RANK = { maintenance: 1, degraded: 2, outage: 3 } as const;

export default function StatusPage() {
  const intl = useIntl();
  const { offerId = '' } = useParams();
  const status = useOfferStatus(offerId);
  if (status.isPending) {
    const t = intl.formatMessage({ id: 'status.loadingTitle' });
    return <><PageTitle title={t}>{t}</PageTitle><Loading /></>;
  }
  if (status.isError) {
    const t = intl.formatMessage({ id: 'status.errorTitle' });
    return (
      <>
        <PageTitle title={t}>{t}</PageTitle>
        <ErrorNotice error={status.error} onRetry={() => void status.refetch()} />
        <p><Link to="/incidents"><FormattedMessage id="status.toIncidents" /></Link></p>
      </>
    );
  }
  const s = status.data;
  const title = intl.formatMessage({ id: 'status.title' }, { offer: s.offer.name });
  return (
    <div className="status-page">
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="status.by" values={{ publisher: s.publisher.name }} /></p>
      <section className={`card status-now status-now-${s.state}`} aria-labelledby="status-now">
        <h2 id="status-now"><FormattedMessage id="status.now" /></h2>
        <p className="status-state">
          <Badge tone={STATE_TONE[s.state]}><FormattedMessage id={`status.state.${s.state}`} /></Badge>{' '}
          <span><FormattedMessage id={`status.stateExplain.${s.state}`} values={{ count: s.open.length }} /></span>
        </p>
      </section>

      <section className="card" aria-labelledby="status-open">
        <h2 id="status-open"><FormattedMessage id="status.open" /></h2>
        {s.open.length === 0
          ? <p><FormattedMessage id="status.openNone" /></p>
          : <ul className="status-incidents">{s.open.map((i) => <IncidentItem key={i.id} incident={i} />)}</ul>}
      </section>

      <section className="card" aria-labelledby="status-history">
        <h2 id="status-history"><FormattedMessage id="status.history" values={{ days: s.days }} /></h2>
        <DayStrip status={s} />
        {s.past.length === 0
          ? <EmptyState title={intl.formatMessage({ id: 'status.pastNone' }, { days: s.days })} />
          : <ul className="status-incidents">{s.past.map((i) => <IncidentItem key={i.id} incident={i} />)}</ul>}
      </section>
    </div>
  );
}

function IncidentItem({ incident: i }: { incident: StatusIncident }) {
  return (
    <li className="status-incident">
      <div className="timeline-head">
        <Badge tone={IMPACT_TONE[i.impact]}><FormattedMessage id={`incidents.impact.${i.impact}`} /></Badge>
        <Badge tone={i.status === 'resolved' ? 'good' : 'warn'}><FormattedMessage id={`incidents.status.${i.status}`} /></Badge>
        <h3 className="status-incident-title">{i.canOpen ? <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link> : i.title}</h3>
      </div>
      <p className="muted">
        {i.resolvedAt
          ? <FormattedMessage id="status.period" values={{ from: <DateTime value={i.startedAt} />, to: <DateTime value={i.resolvedAt} /> }} />
          : <FormattedMessage id="status.since" values={{ from: <DateTime value={i.startedAt} /> }} />}
      </p>
      <p className="status-latest">
        <span className="visually-hidden"><FormattedMessage id="status.latest" /> </span>
        {i.latestUpdate.message}{' '}
        <span className="muted">(<DateTime value={i.latestUpdate.createdAt} />)</span>
      </p>
    </li>
  );
}

/** The past days (calendar days, today last), each coloured by the worst impact of an incident that ran on it; a summary for screen readers. */
function DayStrip({ status: s }: { status: OfferServiceStatus }) {
  const intl = useIntl();
  const end = new Date(s.since).getTime() + s.days * DAY; // the API's now
  const all = [...s.open, ...s.past];
  // Calendar days in the viewer's time zone, today last.
  const today = new Date(end);
  today.setHours(0, 0, 0, 0);
  const days = Array.from({ length: s.days }, (_, n) => {
    const start = new Date(today);
    start.setDate(today.getDate() - (s.days - 1 - n));
    const next = new Date(start);
    next.setDate(start.getDate() + 1);
    const from = start.getTime();
    const to = next.getTime();
    let worst: keyof typeof RANK | null = null;
    for (const i of all) {
      const a = new Date(i.startedAt).getTime();
      const b = i.resolvedAt ? new Date(i.resolvedAt).getTime() : end;
      if (a < to && b >= from && (!worst || RANK[i.impact] > RANK[worst])) worst = i.impact;
    }
    return { from, worst };
  });
  const affected = days.filter((d) => d.worst).length;
  return (
    <figure className="status-strip">
      <div className="status-strip-days" aria-hidden="true">
        {days.map((d) => (
          <span key={d.from} className={`status-day status-day-${d.worst ?? 'ok'}`}
            title={`${intl.formatDate(d.from, { dateStyle: 'medium' })}: ${intl.formatMessage({ id: d.worst ? `incidents.impact.${d.worst}` : 'status.state.operational' })}`} />
        ))}
      </div>
      <figcaption className="muted">
        <FormattedMessage id="status.strip" values={{ days: s.days, affected }} />
      </figcaption>
    </figure>
  );
}
