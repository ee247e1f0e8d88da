/**
 * Where the application's time and ids come from: the system's by default. The server, the
 * worker and the command line take the defaults; tests fix them (a controllable clock, their own
 * ids), so what a service stamps — a case's or subscription's times, a session's or token's
 * expiry, the time part of every id — is the clock's. The database keeps its own clock for what it
 * stamps itself (the audit log's times, pg-boss's schedule, the fan-out's rows).
 */
import { newId as systemNewId, type NewId } from '../db/ids.ts';

/** The clock and the id source an application or worker is built with. */
export interface ClockAndIds {
  /** The clock every service, the fan-out, the e-mail sender, the deliverer and the relay read. */
  clock?: () => Date;
  /** The id source; services give it the clock's time for an id's time part. */
  newId?: NewId;
}

/** The clock and id source with the system's filled in, as the services' `now` and `newId`. */
export function clockAndIds(given: ClockAndIds): { now: () => Date; newId: NewId } {
  return { now: given.clock ?? (() => new Date()), newId: given.newId ?? systemNewId };
}
