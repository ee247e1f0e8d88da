/** Pieces the customer and subscription pages share: open incidents of an offer, the support contact. */
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Customer, Subscription } from '../../api/types.ts';
import { useViewer } from '../../app/session.tsx';
import { useLabel } from '../../components/labels.tsx';
import { Badge, DateTime } from '../../components/ui.tsx';

type OpenIncident = NonNullable<Subscription['openIncidents']>[number];

const IMPACT_TONE = { outage: 'bad', degraded: 'warn', maintenance: 'info' } as const;

/** The open incidents of a subscription's offer, each a link to its page; nothing when there are none. */
export function OpenIncidents({ incidents, compact = false }: { incidents: OpenIncident[] | undefined; compact?: boolean }) {
  const intl = useIntl();
  if (!incidents || incidents.length === 0) {
    return compact ? <span><FormattedMessage id="customers.incidents.noneShort" /></span> : <p><FormattedMessage id="customers.incidents.none" /></p>;
  }
  return (
    <ul className={compact ? 'customers-incidents-compact' : 'list'}>
      {incidents.map((i) => (
        <li key={i.id}>
          <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>{' '}
          <Badge tone={IMPACT_TONE[i.impact] ?? 'neutral'}>{intl.formatMessage({ id: `customers.incident.impact.${i.impact}` })}</Badge>{' '}
          <span className="customers-muted">
            {intl.formatMessage({ id: `customers.incident.status.${i.status}` })}
            {!compact && <>{' · '}<FormattedMessage id="customers.incident.since" values={{ when: <DateTime value={i.startedAt} /> }} /></>}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Who the customer's support questions go to first: its role and, when known, its name. */
export function SupportContact({ subscription, customer }: { subscription: Subscription; customer?: Customer }) {
  const label = useLabel();
  const viewer = useViewer();
  const name = subscription.supportContactId === viewer.organization.id
    ? viewer.organization.name
    : customer?.partners.find((p) => p.id === subscription.supportContactId)?.name;
  return (
    <span>
      {name ? `${name} (${label('party', subscription.supportContact)})` : label('party', subscription.supportContact)}
    </span>
  );
}

/** When the publisher activated it, or that it still waits for activation. */
export function Activation({ subscription }: { subscription: Subscription }) {
  if (subscription.activatedAt) return <DateTime value={subscription.activatedAt} />;
  if (subscription.status === 'cancelled') return <FormattedMessage id="customers.activation.never" />;
  return <FormattedMessage id="customers.activation.waiting" />;
}
