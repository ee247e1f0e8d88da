/**
 * What the publishing pages read from the API and the query keys their changes invalidate: the
 * publisher's own offers (discovery filtered by its organization), one offer's details, its
 * agreement versions, and the partner organizations an audience may name.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Agreement, OfferCaseView, OfferDetails, Organization, Page } from '../../api/types.ts';

export const OFFERS_KEY = ['offers'] as const;
export const offerKey = (offerId: string) => ['offers', 'one', offerId] as const;
export const agreementsKey = (offerId: string) => ['offers', 'agreements', offerId] as const;

/** The offer types of the catalog (`OFFER_TYPES` of the server's catalog rules). */
export const OFFER_TYPES = ['saas', 'vm', 'solution_template', 'managed_app', 'container'] as const;
/** Who may resell (`CSP_AUDIENCES`). */
export const AUDIENCES = ['any', 'specific', 'none'] as const;
/** How a plan charges, bills and commits (`BILLING_MODELS`, `BILLING_CYCLES`, `TERMS`). */
export const BILLING_MODELS = ['license', 'usage'] as const;
export const BILLING_CYCLES = ['monthly', 'annual', 'triennial'] as const;
export const TERMS = ['P1M', 'P1Y', 'P3Y'] as const;
/** Case severities whose targets an agreement sets. */
export const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Offer and plan ids: lowercase letters, digits, `-` and `_`, at most 50 (`OFFER_ID_PATTERN`). */
export const ID_PATTERN = /^[a-z0-9_-]{1,50}$/;
export const CATEGORY_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()./x-]{2,39}$/;
export const URL_PATTERN = /^https?:\/\/\S+$/;

/** The publisher's own offer, as its owner reads it (the marketplace view with contacts and the authorized list). */
export function useOwnOffer(offerId: string | undefined) {
  return useQuery({
    queryKey: offerKey(offerId ?? ''),
    queryFn: ({ signal }) => api<OfferDetails | OfferCaseView>('GET', `/offers/${encodeURIComponent(offerId!)}`, { signal }),
    enabled: Boolean(offerId),
    retry: false,
  });
}

export function useAgreements(offerId: string) {
  return useQuery({
    queryKey: agreementsKey(offerId),
    queryFn: ({ signal }) => api<{ items: Agreement[] }>('GET', `/offers/${encodeURIComponent(offerId)}/agreements`, { signal }),
  });
}

/** Every partner organization the viewer may see (for the authorized list), by name. */
export function usePartners(enabled: boolean) {
  return useQuery({
    queryKey: ['organizations', 'partners', 'all'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const all: Organization[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await api<Page<Organization>>('GET', '/organizations', { query: { kind: 'partner', limit: 100, cursor }, signal });
        all.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return all;
    },
  });
}

/** An organization's name, for the customers of waiting subscriptions. */
export function organizationQuery(orgId: string) {
  return {
    queryKey: ['organizations', 'one', orgId],
    queryFn: ({ signal }: { signal: AbortSignal }) => api<Organization>('GET', `/organizations/${encodeURIComponent(orgId)}`, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  };
}

/** Lines of a text area as a list (blank lines left out). */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}
