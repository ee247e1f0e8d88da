/** Request and response schemas of the SLA policy routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { SupportCalendarSchema } from '../../core/business-calendar.ts';
import { SEVERITIES } from '../../core/routing-types.ts';
import { MAX_TARGET_MINUTES, POLICY_SCOPES } from '../../core/sla-policy.ts';
import { SUPPORT_CATEGORIES } from '../../core/support-categories.ts';
import { IsoDate } from '../../http/schemas.ts';

/** A support calendar (the core's schema, without its $id: it is inlined where used). */
const SupportCalendar = Type.Object(SupportCalendarSchema.properties, {
  additionalProperties: false,
  description: 'When support is open: an IANA time zone, same-day windows per weekday (an end may be 24:00; an overnight shift is two windows), holidays (YYYY-MM-DD in the zone) closed all day',
});

const Minutes = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_TARGET_MINUTES, description });
const Targets = Type.Object({
  firstResponseMinutes: Minutes('Business minutes to the holder\'s first public reply (or passing the case on to the party responsible)'),
  resolutionMinutes: Minutes('Business minutes to resolution, counted while you and your own tiers hold the case; not sooner than the first response'),
}, { additionalProperties: false });

const Scope = Type.Enum([...POLICY_SCOPES], {
  description: '`all`: every case your organization holds; or one support category, which overrides `all` for it. Partners set `all` and every category but `csp_program`; the operator `all`, `commerce_platform`, `billing`, `payment`, `subscription`, `account_setup`',
});

const policyProperties = {
  targets: Type.Object(Object.fromEntries(SEVERITIES.map((s) => [s, Targets])) as Record<(typeof SEVERITIES)[number], typeof Targets>, {
    additionalProperties: false, description: 'Per severity (critical, moderate, minimal = A, B, C); a more severe case is never promised a slower target',
  }),
  calendar: SupportCalendar,
  criticalAroundTheClock: Type.Boolean({ description: 'Critical cases count every minute, whatever the calendar says' }),
};

/** What a party commits to: targets per severity, support hours, critical cases around the clock. */
export const SlaPolicy = Type.Object(policyProperties, { additionalProperties: false, $id: 'SlaPolicy', title: 'SlaPolicy' });

/** Body of PUT /sla-policies/:scope: a policy. */
export const SlaPolicyBody = Type.Object(policyProperties, { additionalProperties: false });

const PolicyVersion = Type.Object({
  version: Type.Integer({ description: 'Versions of a scope count up from 1; the highest is current' }),
  policy: Type.Union([Type.Ref('SlaPolicy'), Type.Null()], { description: 'Null for a version that withdrew the scope\'s policy' }),
  withdrawn: Type.Boolean(),
  setBy: Type.String({ description: 'The user who set it' }),
  setAt: IsoDate,
});

/** One scope of an organization's policies: its current version and every version, newest first. */
export const ScopePolicies = Type.Object({
  scope: Scope,
  current: Type.Union([PolicyVersion, Type.Null()], { description: 'The highest version (possibly a withdrawal); null when none was ever set. Its version is the ETag' }),
  versions: Type.Array(PolicyVersion, { description: 'Newest first' }),
}, { $id: 'SlaScopePolicies', title: 'SlaScopePolicies' });

const LocalizedText = Type.Object({ en: Type.String(), ko: Type.String() }, { description: 'The same text in English and Korean' });

/** Where an applied policy came from. */
export const PolicySource = Type.Union([
  Type.Object({
    kind: Type.Literal('agreement'), offerId: Type.String(), version: Type.Integer(),
    setBy: Type.Union([Type.String(), Type.Null()], { description: 'Who published the version; null for versions published before it was recorded' }),
    setAt: IsoDate,
    acceptedOnPurchase: Type.Boolean({ description: 'The version the customer accepted on purchase; false: the one in force when a case without a subscription was opened' }),
    calendarFrom: Type.Enum(['stated', 'support_hours', 'default_hours'], { description: 'stated: the version states its calendar; support_hours: read from its free-text supportHours and timeZone; default_hours: Mon–Fri 09:00–18:00 in its time zone' }),
  }),
  Type.Object({ kind: Type.Literal('policy'), scope: Scope, version: Type.Integer(), setBy: Type.String(), setAt: IsoDate }),
  Type.Object({ kind: Type.Literal('default'), reason: Type.Enum(['no_policy', 'no_agreement']) }),
], { $id: 'SlaPolicySource', title: 'SlaPolicySource' });

/** An organization's SLA policies. */
export const SlaPolicies = Type.Object({
  orgId: Type.String(),
  kind: Type.Enum(['partner', 'operator', 'publisher']),
  scopes: Type.Array(Scope, { description: 'The scopes your organization sets (none for a publisher: its SLA is in its agreement versions)' }),
  policies: Type.Array(Type.Ref('SlaScopePolicies'), { description: 'Every scope you set, `all` first' }),
  effective: Type.Array(Type.Object({
    category: Type.Enum([...SUPPORT_CATEGORIES]),
    source: Type.Ref('SlaPolicySource'),
    why: LocalizedText,
  }), { description: 'What applies to a case of each category you may hold, opened now (a case keeps the versions in force when it was opened)' }),
  default: Type.Ref('SlaPolicy', { description: 'The policy of a party that has none: Mon–Fri 09:00–18:00 UTC; critical 1 h / 8 h, moderate 4 h / 27 h, minimal 8 h / 45 h' }),
  agreements: Type.Array(Type.Object({
    offerId: Type.String(),
    offerName: Type.String(),
    versions: Type.Array(Type.Object({
      version: Type.Integer(),
      publishedAt: IsoDate,
      publishedBy: Type.Union([Type.String(), Type.Null()]),
      policy: Type.Ref('SlaPolicy'),
      source: Type.Ref('SlaPolicySource'),
      why: LocalizedText,
    }), { description: 'Newest first' }),
  }), { description: 'A publisher\'s offers with the SLA of each agreement version (as a case whose customer accepted it gets it); empty for others' }),
}, { $id: 'SlaPolicies', title: 'SlaPolicies' });

/** The scope of a route. */
export const ScopeParams = Type.Object({ scope: Scope });

/** A change may carry If-Match with the version it was based on. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 200, description: 'The ETag of the scope\'s current version: "<version>"; another version answers 412. Absent or * : any' })),
});
