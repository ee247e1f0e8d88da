/**
 * The case page's server state: the case with its ETag (every change sends it as If-Match), its
 * messages and history, and the changes, each putting the case it answers in place of the old one.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiWithEtag, newIdempotencyKey, upload } from '../../api/client.ts';
import type { AttachmentResult, Case, CaseEvent, CaseMessage, MessageResult, Page } from '../../api/types.ts';

/** Every support category, in the API's order (the API's enumeration, checked by the type). */
export const CATEGORIES = [
  'billing', 'payment', 'subscription', 'account_setup', 'technical_howto', 'technical_breakfix', 'service_outage', 'csp_program', 'commerce_platform',
] as const satisfies readonly Case['category'][];
export const SEVERITIES = ['critical', 'moderate', 'minimal'] as const satisfies readonly Case['severity'][];

export type CaseWithEtag = { data: Case; etag: string | null };
export const caseKey = (id: string) => ['case', id] as const;
const messagesKey = (id: string) => ['case', id, 'messages'] as const;
const eventsKey = (id: string, cursor: string | null) => ['case', id, 'events', cursor] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: ({ signal }) => apiWithEtag<Case>(`/cases/${id}`, { signal }) });
}

/** The thread, oldest first, a page at a time ("show more" appends the next one). */
export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<CaseMessage>>('GET', `/cases/${id}/messages`, { query: { limit: 50, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useEvents(id: string, cursor: string | null) {
  return useQuery({
    queryKey: eventsKey(id, cursor),
    queryFn: ({ signal }) => api<Page<CaseEvent>>('GET', `/cases/${id}/events`, { query: { limit: 20, cursor }, signal }),
  });
}

const etagOf = (c: Case) => `"${c.version}"`;

/** Puts the case an answer carries in place, and refreshes the thread and the history. */
function useSettle(id: string) {
  const client = useQueryClient();
  return (updated: Case) => {
    client.setQueryData<CaseWithEtag>(caseKey(id), { data: updated, etag: etagOf(updated) });
    void client.invalidateQueries({ queryKey: ['case', id, 'messages'] });
    void client.invalidateQueries({ queryKey: ['case', id, 'events'] });
    void client.invalidateQueries({ queryKey: ['inbox'] });
  };
}

function currentEtag(client: ReturnType<typeof useQueryClient>, id: string): string | undefined {
  return client.getQueryData<CaseWithEtag>(caseKey(id))?.etag ?? undefined;
}

export type ActionPath = 'assign' | 'forward' | 'escalate' | 'hand-back' | 'reroute' | 'resolve' | 'reopen' | 'close';

/** One of the case's actions with its body: POST /cases/:id/<path>, If-Match the case's ETag. */
export function useCaseAction(id: string) {
  const client = useQueryClient();
  const settle = useSettle(id);
  return useMutation({
    mutationFn: ({ path, body }: { path: ActionPath; body: Record<string, unknown> }) =>
      api<Case>('POST', `/cases/${id}/${path}`, { body, ifMatch: currentEtag(client, id) }),
    onSuccess: settle,
  });
}

export function useExternalReference(id: string) {
  const client = useQueryClient();
  const settle = useSettle(id);
  return useMutation({
    mutationFn: (externalReference: string | null) =>
      api<Case>('PUT', `/cases/${id}/external-reference`, { body: { externalReference }, ifMatch: currentEtag(client, id) }),
    onSuccess: settle,
  });
}

export type Post =
  | { kind: 'reply'; body: string; awaitingCustomer: boolean }
  | { kind: 'note'; body: string; visibility: 'internal' | 'partners' };

/**
 * A reply or a note, then its files one by one (each upload with progress, If-Match the version
 * the previous step answered). The Idempotency-Key is kept per composed message across retries.
 */
export function usePost(id: string, onProgress: (file: string, share: number) => void) {
  const client = useQueryClient();
  const settle = useSettle(id);
  return useMutation({
    mutationFn: async ({ post, files, key }: { post: Post; files: File[]; key: string }) => {
      const result = post.kind === 'reply'
        ? await api<MessageResult>('POST', `/cases/${id}/replies`, { body: { body: post.body, ...(post.awaitingCustomer ? { awaitingCustomer: true } : {}) }, ifMatch: currentEtag(client, id), idempotencyKey: key })
        : await api<MessageResult>('POST', `/cases/${id}/notes`, { body: { body: post.body, visibility: post.visibility }, ifMatch: currentEtag(client, id), idempotencyKey: key });
      settle(result.case);
      let latest = result.case;
      for (const [index, file] of files.entries()) {
        // A retried message re-sends its files under the same keys: none is attached twice.
        const attached = await upload<AttachmentResult>(`/cases/${id}/messages/${result.message.id}/attachments`, file, (share) => onProgress(file.name, share), { ifMatch: etagOf(latest), idempotencyKey: `${key}-file-${index}` });
        latest = attached.case;
        settle(latest);
      }
      return latest;
    },
  });
}

export { newIdempotencyKey };
