/**
 * The past incidents of a subscription's offer (resolved ones that reach the viewer), for the
 * subscription page beside its open ones, and the offer's status page link.
 */
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { Badge, DateTime, ErrorNotice, Loading } from '../../components/ui.tsx';
import { StatusLink } from '../status/StatusLink.tsx';
import { IMPACT_TONE, usePastIncidents } from './incidentsData.ts';

export function SubscriptionIncidents({ offerId, offerName }: { offerId: string; offerName?: string }) {
  const canRead = useCan('incidents.read');
  const past = usePastIncidents(offerId, canRead);
  if (!canRead) return null;
  return (
    <section className="card" aria-labelledby="subscription-past-incidents">
      <h2 id="subscription-past-incidents"><FormattedMessage id="incidents.subscription.past" /></h2>
      {past.isPending && <Loading />}
      <ErrorNotice error={past.error} onRetry={() => void past.refetch()} />
      {past.isSuccess && past.data.items.length === 0 && <p><FormattedMessage id="incidents.subscription.pastNone" /></p>}
      {past.isSuccess && past.data.items.length > 0 && (
        <ul className="list">
          {past.data.items.map((i) => (
            <li key={i.id}>
              <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>{' '}
              <Badge tone={IMPACT_TONE[i.impact]}><FormattedMessage id={`incidents.impact.${i.impact}`} /></Badge>{' '}
              <span className="muted">
                <FormattedMessage id="incidents.subscription.period" values={{ from: <DateTime value={i.startedAt} />, to: <DateTime value={i.resolvedAt} /> }} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <StatusLink offerId={offerId} offerName={offerName} />
    </section>
  );
}
