/**
 * What the operator's pages read: organizations (GET /organizations, by kind), one organization,
 * its channel relationships and its customers' partners (the operator sees every relationship and
 * customer; the lists have no filter by organization, so the pages walk them up to a bound and
 * keep those naming the organization), commerce-platform cases, and the standing change.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Customer, InboxItem, Organization, Page, Relationship } from '../../api/types.ts';

export const ORG_KINDS = ['partner', 'publisher', 'customer', 'operator'] as const;
export const OPERATOR_KEY = ['operator'] as const;
/** Pages of 100 walked at most when looking for an organization's relationships or customers. */
export const MAX_WALK_PAGES = 10;

export function useOrganizations(kind: string, cursor: string | undefined) {
  return useQuery({
    queryKey: [...OPERATOR_KEY, 'organizations', kind, cursor ?? null],
    queryFn: ({ signal }) => api<Page<Organization>>('GET', '/organizations', { query: { kind: kind || undefined, cursor, limit: 25 }, signal }),
  });
}

export function useOrganization(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...OPERATOR_KEY, 'organization', orgId],
    queryFn: ({ signal }) => api<Organization>('GET', `/organizations/${encodeURIComponent(orgId)}`, { signal }),
    enabled,
  });
}

/** Every item of a cursor-paged list, up to MAX_WALK_PAGES pages; `complete` says whether the end was reached. */
async function walk<T>(path: string, signal: AbortSignal): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < MAX_WALK_PAGES; n++) {
    const page = await api<Page<T>>('GET', path, { query: { cursor, limit: 100 }, signal });
    items.push(...page.items);
    if (!page.nextCursor) return { items, complete: true };
    cursor = page.nextCursor;
  }
  return { items, complete: false };
}

/** The indirect relationships the organization is a side of. */
export function useRelationshipsOf(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...OPERATOR_KEY, 'relationships', orgId],
    queryFn: async ({ signal }) => {
      const all = await walk<Relationship>('/channel/relationships', signal);
      return { ...all, items: all.items.filter((r) => r.provider.id === orgId || r.reseller.id === orgId) };
    },
    enabled,
  });
}

/** The customers the partner serves (directly or as a reseller), with their partners. */
export function useCustomersOf(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...OPERATOR_KEY, 'customers-of', orgId],
    queryFn: async ({ signal }) => {
      const all = await walk<Customer>('/customers', signal);
      return { ...all, items: all.items.filter((c) => c.partners.some((p) => p.id === orgId)) };
    },
    enabled,
  });
}

/** A customer with its partners. */
export function useCustomer(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...OPERATOR_KEY, 'customer', orgId],
    queryFn: ({ signal }) => api<Customer>('GET', `/customers/${encodeURIComponent(orgId)}`, { signal }),
    enabled,
  });
}

export function useCommerceCases() {
  return useQuery({
    queryKey: [...OPERATOR_KEY, 'commerce-cases'],
    queryFn: ({ signal }) => api<Page<InboxItem>>('GET', '/cases', { query: { category: 'commerce_platform', limit: 10 }, signal }),
  });
}

export function useSetStanding(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (inGoodStanding: boolean) => api<Organization>('PUT', `/organizations/${encodeURIComponent(orgId)}/standing`, { body: { inGoodStanding } }),
    onSuccess: (org) => {
      client.setQueryData([...OPERATOR_KEY, 'organization', orgId], org);
      void client.invalidateQueries({ queryKey: [...OPERATOR_KEY, 'organizations'] });
    },
  });
}
