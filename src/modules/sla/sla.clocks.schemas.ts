/** The schema of a case's SLA clocks as GET /cases/:id carries them (also the OpenAPI source). */
import { Type } from 'typebox';
import { CLOCK_STATUSES, SLA_TARGETS } from '../../core/sla-clocks.ts';
import { IsoDate, NullableIsoDate } from '../../http/schemas.ts';

/** One party's clock of one target on a case, at the time of the read. */
export const CaseSlaClock = Type.Object({
  party: Type.Object({
    orgId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()], { description: 'Null where you may not see the organization' }),
    role: Type.Enum(['partner', 'provider', 'reseller', 'publisher', 'operator'], { description: 'Its role in the case' }),
  }),
  target: Type.Enum([...SLA_TARGETS], {
    description: 'first_response: each party that receives the case as holder owes one, met by its first public reply, its resolving the case, or passing it on to the party responsible; '
      + 'resolution: the responsible party\'s, counted while it or its own escalation tiers hold the case, met on resolve (a reopen resumes it)',
  }),
  targetMinutes: Type.Integer({ description: 'In business minutes of the party\'s support hours' }),
  elapsedMinutes: Type.Integer({ description: 'Business minutes counted so far (rounded down)' }),
  remainingMinutes: Type.Integer({ description: 'Business minutes left before the target, never below zero (rounded up)' }),
  dueAt: Type.Union([IsoDate, Type.Null()], { description: 'When a running clock reaches its target if it keeps counting; a breached one\'s breach time; null while paused or met' }),
  status: Type.Enum([...CLOCK_STATUSES], {
    description: 'running (counting, or waiting for support hours to open); paused (waiting on the customer, or another party holds the case); met; breached (stays breached when met later)',
  }),
  metAt: NullableIsoDate,
  breachedAt: NullableIsoDate,
  aroundTheClock: Type.Boolean({ description: 'A critical case counted every minute, as the party\'s policy says' }),
  visibility: Type.Enum(['public', 'partners'], {
    description: 'public: every participant sees it (the commitments made to the customer); partners: all but the customer (the operator\'s, and a first response owed for receiving the case by an escalation)',
  }),
  policy: Type.Object({
    source: Type.Ref('SlaPolicySource'),
    why: Type.Object({ en: Type.String(), ko: Type.String() }, { description: 'Which policy applied and why, in English and Korean' }),
    timeZone: Type.String({ description: 'The time zone of the support hours counted in' }),
  }),
});
