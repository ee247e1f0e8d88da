/**
 * Service health's server state: incidents (list, one, whom one reached), posting and updating
 * them, the publisher's own offers, and an offer's status page. The allowed next statuses of an
 * incident are the API's rule (src/core/incident-rules.ts): the same status or a later one, none
 * once resolved — the console offers those and the API refuses anything else anyway.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, newIdempotencyKey } from '../../api/client.ts';
import type {
  Incident, IncidentReach, IncidentSummary, IncidentUpdateBody, IncidentUpdateResult, OfferServiceStatus, OfferSummary, Page, PostIncidentBody,
} from '../../api/types.ts';
import { SUBSCRIPTIONS_KEY } from '../customers/data.ts';

export const INCIDENTS_KEY = ['incidents'] as const;
export const STATUS_KEY = ['service-status'] as const;

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_IMPACTS = ['outage', 'degraded', 'maintenance'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export const IMPACT_TONE = { outage: 'bad', degraded: 'warn', maintenance: 'info' } as const;
export const STATE_TONE = { operational: 'good', maintenance: 'info', degraded: 'warn', outage: 'bad' } as const;

/** The limits the API checks (INCIDENT_LIMITS in src/core/incident-rules.ts). */
export const LIMITS = { title: 200, message: 10_000, offers: 50 } as const;

/** The statuses an update may give an incident now: the same or a later one; none once resolved (as the API's rule says). */
export function nextStatuses(status: IncidentStatus): IncidentStatus[] {
  if (status === 'resolved') return [];
  return INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(status));
}

/**
 * An Idempotency-Key per request body: a retry of the same body carries the same key (the API
 * answers the first answer again, never posting twice), a changed body a new one (the API refuses
 * a key reused with other input).
 */
export function useKeyFor(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { body: json, key: newIdempotencyKey() };
    return last.current.key;
  };
}

export function useIncidents(q: { status: string; offerId: string; cursor: string | undefined }) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', q.status, q.offerId, q.cursor ?? null],
    queryFn: ({ signal }) => api<Page<IncidentSummary>>('GET', '/incidents', {
      query: { status: q.status || 'all', offerId: q.offerId || undefined, cursor: q.cursor, limit: 25 }, signal,
    }),
    placeholderData: keepPreviousData,
  });
}

/** The offers the viewer's incidents are about (the first 100 incidents), for the offer filter of viewers who are not publishers. */
export function useIncidentOffers(enabled: boolean) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'offers'],
    enabled,
    queryFn: async ({ signal }) => {
      const page = await api<Page<IncidentSummary>>('GET', '/incidents', { query: { status: 'all', limit: 100 }, signal });
      const byId = new Map<string, string>();
      for (const i of page.items) for (const o of i.offers) byId.set(o.id, o.name);
      return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

/** A publisher's own offers (GET /offers?publisherId=…), by name. */
export function useOwnOffers(publisherId: string | undefined) {
  return useQuery({
    queryKey: ['offers', 'own', publisherId],
    enabled: Boolean(publisherId),
    queryFn: async ({ signal }) => {
      const page = await api<Page<OfferSummary>>('GET', '/offers', { query: { publisherId, limit: 100 }, signal });
      return page.items.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'one', id],
    queryFn: ({ signal }) => api<Incident>('GET', `/incidents/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

export function useReach(id: string, enabled: boolean, cursor: string | undefined) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'reach', id, cursor ?? null],
    enabled,
    queryFn: ({ signal }) => api<IncidentReach>('GET', `/incidents/${encodeURIComponent(id)}/reach`, { query: { cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
    // Delivery runs in the background: look again while events are still being delivered.
    refetchInterval: (q) => ((q.state.data?.pendingEvents ?? 0) > 0 ? 3_000 : false),
  });
}

export function useOfferStatus(offerId: string) {
  return useQuery({
    queryKey: [...STATUS_KEY, offerId],
    queryFn: ({ signal }) => api<OfferServiceStatus>('GET', `/offers/${encodeURIComponent(offerId)}/service-status`, { signal }),
    retry: false,
  });
}

/** Resolved incidents of one offer, newest first (a subscription's past incidents). */
export function usePastIncidents(offerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', 'resolved', offerId ?? '', null],
    enabled: enabled && Boolean(offerId),
    queryFn: ({ signal }) => api<Page<IncidentSummary>>('GET', '/incidents', { query: { status: 'resolved', offerId, limit: 10 }, signal }),
  });
}

function useInvalidateHealth() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: INCIDENTS_KEY });
    void client.invalidateQueries({ queryKey: STATUS_KEY });
    void client.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
  };
}

export function usePostIncident() {
  const invalidate = useInvalidateHealth();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: PostIncidentBody; key: string }) => api<Incident>('POST', '/incidents', { body, idempotencyKey: key }),
    onSuccess: (incident) => {
      client.setQueryData([...INCIDENTS_KEY, 'one', incident.id], incident);
      invalidate();
    },
  });
}

export function useAddUpdate(incident: Incident) {
  const invalidate = useInvalidateHealth();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: IncidentUpdateBody; key: string }) => api<IncidentUpdateResult>('POST', `/incidents/${encodeURIComponent(incident.id)}/updates`, {
      body, ifMatch: `"${incident.version}"`, idempotencyKey: key,
    }),
    onSuccess: (result) => {
      client.setQueryData([...INCIDENTS_KEY, 'one', incident.id], result.incident);
      invalidate();
    },
    onError: () => {
      // Someone else updated it meanwhile, or its status changed: show it as it is now.
      void client.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'one', incident.id] });
    },
  });
}
