/**
 * Writing on a case: a public reply, or a note for the author's organization (`internal`) or for
 * every participant but the customer (`partners`). Each is idempotent by Idempotency-Key
 * (operations `cases.reply`, `cases.note`) and answers the message with the case after it.
 */
import type { CaseVisibility } from '../../core/case-rules.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { requireText } from '../../core/text.ts';
import { act, type Acting, type CaseDeps } from './cases.acting.ts';
import { presentMessage } from './cases.presenters.ts';
import * as repo from './cases.repository.ts';
import type { NoteInput, PresentedCase, PresentedMessage, ReplyInput } from './cases.schemas.ts';

/** A message with the case after it; `replayed` when an Idempotency-Key's first answer is given again. */
export interface MessageWritten {
  message: PresentedMessage;
  case: PresentedCase;
  replayed?: boolean;
}

/** Stores a message the reducer accepted, at the change time; answers it presented. */
async function addMessage(a: Acting, id: string, visibility: CaseVisibility, body: string): Promise<PresentedMessage> {
  await repo.insertMessage(a.tx, { id, case_id: a.c.id, author_org_id: a.viewer.orgId, author_user_id: a.viewer.userId, visibility, body, created_at: a.at });
  const row = await repo.findMessage(a.tx, a.viewer, a.c.id, id);
  if (!row) throw new Error(`The message ${id} just written on case ${a.c.id} is not visible to its author.`);
  return presentMessage(row, []);
}

/**
 * A public message. The holder's reply opens a case waiting on it, or with `awaitingCustomer`
 * waits on the customer; the customer's or requester's reply opens a case waiting on them.
 */
export async function reply(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReplyInput, idempotencyKey?: string): Promise<MessageWritten> {
  const body = requireText(input.body, 'body.body');
  const awaitingCustomer = input.awaitingCustomer === true;
  const r = await act(deps, viewer, caseId, expected, awaitingCustomer ? 'reply_awaiting_customer' : 'reply', async (a) => {
    const messageId = deps.newId('caseMessage', a.at.getTime());
    return { command: { type: 'reply', messageId, body, awaitingCustomer }, store: () => addMessage(a, messageId, 'public', body) };
  }, { key: idempotencyKey, operation: 'cases.reply', input: { caseId, ...input } });
  return { message: r.result!, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
}

/** A note for the viewer's own organization (`internal`) or for every participant but the customer (`partners`). */
export async function note(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: NoteInput, idempotencyKey?: string): Promise<MessageWritten> {
  const body = requireText(input.body, 'body.body');
  const r = await act(deps, viewer, caseId, expected, 'note', async (a) => {
    const messageId = deps.newId('caseMessage', a.at.getTime());
    return { command: { type: 'note', messageId, body, visibility: input.visibility }, store: () => addMessage(a, messageId, input.visibility, body) };
  }, { key: idempotencyKey, operation: 'cases.note', input: { caseId, ...input } });
  return { message: r.result!, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
}
