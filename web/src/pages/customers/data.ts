/**
 * What the customer and subscription pages read from the API, and the query keys their changes
 * invalidate: customers, a customer's subscriptions, one subscription, the offer it is of.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Customer, OfferCaseView, OfferDetails, Page, Subscription } from '../../api/types.ts';

export const CUSTOMERS_KEY = ['customers'] as const;
export const SUBSCRIPTIONS_KEY = ['subscriptions'] as const;

export function useCustomer(customerId: string | undefined) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'one', customerId],
    queryFn: ({ signal }) => api<Customer>('GET', `/customers/${encodeURIComponent(customerId!)}`, { signal }),
    enabled: Boolean(customerId),
  });
}

export function useSubscription(subscriptionId: string | undefined) {
  return useQuery({
    queryKey: [...SUBSCRIPTIONS_KEY, 'one', subscriptionId],
    queryFn: ({ signal }) => api<Subscription>('GET', `/subscriptions/${encodeURIComponent(subscriptionId!)}`, { signal }),
    enabled: Boolean(subscriptionId),
  });
}

export function useCustomerSubscriptions(customerId: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: [...SUBSCRIPTIONS_KEY, 'of-customer', customerId, cursor ?? null],
    queryFn: ({ signal }) => api<Page<Subscription>>('GET', '/subscriptions', { query: { customerId, cursor, limit: 25 }, signal }),
    enabled: Boolean(customerId),
  });
}

/** An offer as the viewer may see it: the marketplace's details (with plans) or the case-work view. */
export type OfferView = OfferDetails | OfferCaseView;

export function offerQuery(offerId: string) {
  return {
    queryKey: ['offers', 'one', offerId],
    queryFn: ({ signal }: { signal: AbortSignal }) => api<OfferView>('GET', `/offers/${encodeURIComponent(offerId)}`, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  };
}

export function useOffer(offerId: string | undefined) {
  return useQuery({ ...offerQuery(offerId ?? ''), enabled: Boolean(offerId) });
}

/** The plan of a subscription, when the viewer's view of the offer has plans. */
export function planOf(offer: OfferView | undefined, planId: string) {
  return offer && offer.view === 'marketplace' ? offer.plans.find((p) => p.id === planId) : undefined;
}
