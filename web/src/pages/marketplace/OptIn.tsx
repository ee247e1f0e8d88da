/**
 * Whether the viewer's partner organization resells the offer, and opting in or out
 * (`PUT`/`DELETE /offers/:offerId/opt-in`, for partners with `catalog.opt_in`). Shown only when the
 * API says the offer is available to the organization; opting out asks first (existing
 * subscriptions go on).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import type { OfferDetails } from '../../api/types.ts';
import { useCan } from '../../app/session.tsx';
import { ConfirmDialog, ErrorNotice } from '../../components/ui.tsx';

export function ResaleOptIn({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const client = useQueryClient();
  const canOptIn = useCan('catalog.opt_in');
  const [confirmOut, setConfirmOut] = useState(false);
  const change = useMutation({
    mutationFn: (optIn: boolean) => api<unknown>(optIn ? 'PUT' : 'DELETE', `/offers/${encodeURIComponent(offer.id)}/opt-in`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['offers'] });
    },
  });
  if (!canOptIn || offer.optedIn === null || offer.availability.toYou !== true) return null;
  return (
    <div className="marketplace-optin">
      <p role="status">
        <FormattedMessage id={offer.optedIn ? 'marketplace.optIn.yes' : 'marketplace.optIn.no'} />
      </p>
      {offer.optedIn ? (
        <button type="button" className="button button-secondary" disabled={change.isPending} onClick={() => setConfirmOut(true)}>
          <FormattedMessage id={change.isPending ? 'marketplace.optIn.saving' : 'marketplace.optIn.out'} />
        </button>
      ) : (
        <button type="button" className="button button-primary" disabled={change.isPending} onClick={() => change.mutate(true)}>
          <FormattedMessage id={change.isPending ? 'marketplace.optIn.saving' : 'marketplace.optIn.in'} />
        </button>
      )}
      <ErrorNotice error={change.error} />
      <ConfirmDialog
        isOpen={confirmOut}
        onOpenChange={setConfirmOut}
        title={intl.formatMessage({ id: 'marketplace.optIn.confirmTitle' }, { offer: offer.name })}
        confirmLabel={intl.formatMessage({ id: 'marketplace.optIn.out' })}
        onConfirm={() => change.mutate(false)}
        tone="warning"
      >
        <p><FormattedMessage id="marketplace.optIn.confirmBody" /></p>
      </ConfirmDialog>
    </div>
  );
}
