/**
 * Writing on a case: a public reply, or a note for the author's organization (`internal`) or for
 * every participant but the customer (`partners`). Each is idempotent by Idempotency-Key
 * (operations `cases.reply`, `cases.note`) and answers the message with the case after it.
 */
import type { CaseVisibility } from '../../core/case-rules.ts';
import { excerptOf } from '../../core/events.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { requireText } from '../../core/text.ts';
import { act, decide, statusChange, type Acting, type CaseDeps } from './cases.acting.ts';
import { presentMessage } from './cases.presenters.ts';
import * as repo from './cases.repository.ts';
import type { NoteInput, PresentedCase, PresentedMessage, ReplyInput } from './cases.schemas.ts';

/** A message with the case after it; `replayed` when an Idempotency-Key's first answer is given again. */
export interface MessageWritten {
  message: PresentedMessage;
  case: PresentedCase;
  replayed?: boolean;
}

/** Adds a message as part of an action; answers it presented. */
async function addMessage(deps: CaseDeps, a: Acting, visibility: CaseVisibility, body: string): Promise<PresentedMessage> {
  const id = deps.newId('caseMessage', a.at.getTime());
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
  const action = input.awaitingCustomer ? 'reply_awaiting_customer' : 'reply';
  const r = await act(deps, viewer, caseId, expected, action, async (a) => {
    const next = decide(a.c, action, a.relations);
    const message = await addMessage(deps, a, 'public', body);
    return {
      patch: { status: next },
      events: [{
        type: 'replied', visibility: 'public', data: { messageId: message.id, awaitingCustomer: action === 'reply_awaiting_customer', ...statusChange(a.c.status, next) },
        notice: { messageId: message.id, excerpt: excerptOf(body) },
      }],
      result: message,
    };
  }, { key: idempotencyKey, operation: 'cases.reply', input: { caseId, ...input } });
  return { message: r.result, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
}

/** A note for the viewer's own organization (`internal`) or for every participant but the customer (`partners`). */
export async function note(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: NoteInput, idempotencyKey?: string): Promise<MessageWritten> {
  const body = requireText(input.body, 'body.body');
  const r = await act(deps, viewer, caseId, expected, 'note', async (a) => {
    const next = decide(a.c, 'note', a.relations);
    const message = await addMessage(deps, a, input.visibility, body);
    return {
      patch: { status: next },
      // As visible as the note itself, so the note's existence reaches no one else either.
      events: [{ type: 'noted', visibility: input.visibility, data: { messageId: message.id, ...statusChange(a.c.status, next) }, notice: { messageId: message.id, excerpt: excerptOf(body) } }],
      result: message,
    };
  }, { key: idempotencyKey, operation: 'cases.note', input: { caseId, ...input } });
  return { message: r.result, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
}
