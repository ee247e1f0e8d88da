/**
 * The inbox's shared reads: one page of GET /cases for the inbox and the home page, and the
 * SLA state of a row (breached, due soon, due, none) from the viewer's organization's deadline.
 */
import { api } from '../../api/client.ts';
import type { InboxItem, InboxQuery, Page } from '../../api/types.ts';

export const INBOX_KEY = ['cases', 'inbox'] as const;

/** A case is "due soon" (a warning) when its organization's next deadline is within this time. */
export const DUE_SOON_MS = 4 * 60 * 60 * 1000;

export function fetchInbox(query: Partial<InboxQuery>, signal?: AbortSignal): Promise<Page<InboxItem>> {
  return api<Page<InboxItem>>('GET', '/cases', { query: query as Record<string, string | number | boolean | string[] | undefined>, signal });
}

export type SlaState = 'breached' | 'dueSoon' | 'due' | 'none';

export function slaStateOf(item: Pick<InboxItem, 'dueAt' | 'slaBreached'>, now = Date.now()): SlaState {
  if (item.slaBreached) return 'breached';
  if (!item.dueAt) return 'none';
  return new Date(item.dueAt).getTime() - now <= DUE_SOON_MS ? 'dueSoon' : 'due';
}
