/** A link to an offer's status page (`/status/:offerId`), for the offer and subscription pages. */
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { useCan } from '../../app/session.tsx';

export function StatusLink({ offerId, offerName }: { offerId: string; offerName?: string }) {
  const canRead = useCan('incidents.read');
  if (!canRead) return null;
  return (
    <p className="status-link">
      <Link to={`/status/${encodeURIComponent(offerId)}`}>
        {offerName ? <FormattedMessage id="status.link.named" values={{ offer: offerName }} /> : <FormattedMessage id="status.link" />}
      </Link>
    </p>
  );
}
