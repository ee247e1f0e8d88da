/**
 * An incident (`/incidents/:incidentId`): its status, impact, publisher, offers affected and its
 * updates, oldest first. Read only (posting updates is part 2).
 */
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Incident } from '../../api/types.ts';
import { Badge, DateTime, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';

const IMPACT_TONE = { outage: 'bad', degraded: 'warn', maintenance: 'info' } as const;

export default function IncidentPage() {
  const intl = useIntl();
  const { incidentId = '' } = useParams();
  const incident = useQuery({
    queryKey: ['incidents', incidentId],
    queryFn: ({ signal }) => api<Incident>('GET', `/incidents/${encodeURIComponent(incidentId)}`, { signal }),
  });
  if (incident.isPending) return <Loading />;
  if (incident.isError) {
    const t = intl.formatMessage({ id: 'incidents.title' });
    return <><PageTitle title={t}>{t}</PageTitle><ErrorNotice error={incident.error} onRetry={() => void incident.refetch()} /></>;
  }
  const i = incident.data;
  return (
    <div className="incident-page">
      <PageTitle title={i.title}>{i.title}</PageTitle>
      <section className="card" aria-labelledby="incident-facts">
        <h2 id="incident-facts"><FormattedMessage id="incidents.facts" /></h2>
        <dl className="facts">
          <dt><FormattedMessage id="incidents.status" /></dt>
          <dd><Badge tone={i.isOpen ? 'warn' : 'good'}><FormattedMessage id={`incidents.status.${i.status}`} /></Badge></dd>
          <dt><FormattedMessage id="incidents.impact" /></dt>
          <dd><Badge tone={IMPACT_TONE[i.impact]}><FormattedMessage id={`incidents.impact.${i.impact}`} /></Badge></dd>
          <dt><FormattedMessage id="incidents.publisher" /></dt>
          <dd>{i.publisher.name}</dd>
          <dt><FormattedMessage id="incidents.offers" /></dt>
          <dd>
            <ul className="inline-list">
              {i.offers.map((o) => <li key={o.id}><Link to={`/marketplace/${o.id}`}>{o.name}</Link></li>)}
            </ul>
          </dd>
          <dt><FormattedMessage id="incidents.startedAt" /></dt>
          <dd><DateTime value={i.startedAt} /></dd>
          {i.resolvedAt && <><dt><FormattedMessage id="incidents.resolvedAt" /></dt><dd><DateTime value={i.resolvedAt} /></dd></>}
        </dl>
      </section>
      <section className="card" aria-labelledby="incident-updates">
        <h2 id="incident-updates"><FormattedMessage id="incidents.updates" /></h2>
        <ol className="timeline">
          {i.updates.map((u) => (
            <li key={u.id} className="timeline-item">
              <div className="timeline-head">
                <Badge tone={u.status === 'resolved' ? 'good' : 'warn'}><FormattedMessage id={`incidents.status.${u.status}`} /></Badge>
                <DateTime value={u.createdAt} />
              </div>
              <p className="timeline-body">{u.message}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
