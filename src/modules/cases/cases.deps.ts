/** What the case use cases are built over: the database, a clock and an id source (the real ones by default). */
import { DEFAULT_WARNING_SHARE } from '../../core/sla-notices.ts';
import type { Database } from '../../db/database.ts';
import { newId as randomId, type NewId } from '../../db/ids.ts';

/** What the case service is built over; the clock and the id source default to the real ones. */
export interface CaseServiceDeps {
  db: Database;
  now?: () => Date;
  newId?: NewId;
  /** Share of an SLA target left when its warning is due (SLA_WARNING_SHARE; default 0.25). */
  slaWarningShare?: number;
}

/** The dependencies every use case receives, with the defaults filled in. */
export interface CaseDeps {
  readonly db: Database;
  readonly now: () => Date;
  readonly newId: NewId;
  readonly slaWarningShare: number;
}

/** Fills in the defaults: the system clock, random ids (src/db/ids.ts), the default warning share. */
export function caseDepsOf(deps: CaseServiceDeps): CaseDeps {
  return { db: deps.db, now: deps.now ?? (() => new Date()), newId: deps.newId ?? randomId, slaWarningShare: deps.slaWarningShare ?? DEFAULT_WARNING_SHARE };
}
