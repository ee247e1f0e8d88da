/**
 * The use cases of cases that cross organizations (SPEC section 5), composed over one set of
 * dependencies: open a case (routed by the routing context), read it with its participants,
 * messages and events, and work it. Each use case lives in its own file and opens its own
 * transaction; every change runs through `act` (cases.acting.ts): lock the case, read it as the
 * state of the reducer of src/core/case-history.ts, check the roles and the expected version, ask
 * the reducer, write the case at the next version with its history entries and domain events.
 *
 * | file                  | use cases                                                     |
 * |-----------------------|---------------------------------------------------------------|
 * | cases.open.ts         | open                                                          |
 * | cases.read.ts         | get, listMessages, listEvents                                 |
 * | cases.messages.ts     | reply, note                                                   |
 * | cases.handover.ts     | forward, escalate, handBack, reroute                          |
 * | cases.lifecycle.ts    | assign, resolve, reopen, close, setExternalReference          |
 * | cases.attachments.ts  | attach, download                                              |
 *
 * Response shapes are the schemas' types (cases.schemas.ts), built by cases.presenters.ts;
 * refusals are built by cases.errors.ts, in English and Korean.
 */
import { caseDepsOf, type CaseDeps, type CaseServiceDeps } from './cases.deps.ts';
import { attach, download } from './cases.attachments.ts';
import { escalate, forward, handBack, reroute } from './cases.handover.ts';
import { assign, close, reopen, resolve, setExternalReference } from './cases.lifecycle.ts';
import { note, reply } from './cases.messages.ts';
import { open } from './cases.open.ts';
import { get, listEvents, listMessages } from './cases.read.ts';

export type { CaseServiceDeps } from './cases.deps.ts';
export type { AttachmentAdded, AttachmentDownload, UploadedFile } from './cases.attachments.ts';
export type { MessageWritten } from './cases.messages.ts';

/** Builds the case use cases over a database, a clock and an id source. */
export function createCaseService(options: CaseServiceDeps) {
  const deps = caseDepsOf(options);
  /** A use case with the dependencies given. */
  const bound = <A extends unknown[], R>(useCase: (deps: CaseDeps, ...args: A) => R) => (...args: A): R => useCase(deps, ...args);
  return {
    open: bound(open),
    get: bound(get),
    listMessages: bound(listMessages),
    listEvents: bound(listEvents),
    reply: bound(reply),
    note: bound(note),
    assign: bound(assign),
    forward: bound(forward),
    escalate: bound(escalate),
    handBack: bound(handBack),
    reroute: bound(reroute),
    resolve: bound(resolve),
    reopen: bound(reopen),
    close: bound(close),
    setExternalReference: bound(setExternalReference),
    attach: bound(attach),
    download: bound(download),
  };
}

/** The case use cases, as the routes and the composition root receive them. */
export type CaseService = ReturnType<typeof createCaseService>;
