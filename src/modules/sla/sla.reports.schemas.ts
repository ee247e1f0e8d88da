/** Request and response schemas of the SLA report routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { CASE_STATUSES } from '../../core/case-rules.ts';
import { SEVERITIES } from '../../core/routing-types.ts';
import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS, REPORT_DIMENSIONS, REPORT_INTERVALS, VOLUME_DIMENSIONS } from '../../core/sla-reports.ts';
import { SUPPORT_CATEGORIES } from '../../core/support-categories.ts';
import { IsoDate, PageQuery } from '../../http/schemas.ts';

const dimension = `(${REPORT_DIMENSIONS.join('|')})`;

const period = {
  from: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: `Start of the period (included): an ISO 8601 date (midnight UTC) or a time with its offset; default ${DEFAULT_REPORT_DAYS} days before \`to\`. The report covers the cases opened in the period` })),
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: `End of the period (excluded), at most ${MAX_REPORT_DAYS} days after \`from\`; default now` })),
  format: Type.Optional(Type.Enum(['json', 'csv'], { description: 'csv: the report as CSV (as does `Accept: text/csv`)' })),
};

const interval = {
  interval: Type.Optional(Type.Enum([...REPORT_INTERVALS], {
    description: 'Over time: the period cut into calendar weeks (from Monday) or months, in UTC, the first and last cut to the period; each row names its bucket (a case falls in the bucket it was opened in)',
  })),
};

/** ?from&to&groupBy&interval&format of GET /sla-reports/compliance. */
export const ComplianceQuery = Type.Object({
  ...period,
  ...interval,
  groupBy: Type.Optional(Type.String({
    pattern: `^${dimension}(,${dimension})*$`, maxLength: 60,
    description: 'Comma-separated dimensions the rows are grouped by (party, offer, category, severity); the others are summed over. Default: all four',
  })),
}, { additionalProperties: false });

const volumeDimension = `(${VOLUME_DIMENSIONS.join('|')})`;

/** ?from&to&groupBy&interval&format of GET /sla-reports/volume. */
export const VolumeQuery = Type.Object({
  ...period,
  ...interval,
  groupBy: Type.Optional(Type.String({
    pattern: `^${volumeDimension}(,${volumeDimension})*$`, maxLength: 40,
    description: 'Comma-separated dimensions the rows are grouped by (offer, category, severity); the others are summed over. Default: all three',
  })),
}, { additionalProperties: false });

/** ?from&to&format of GET /sla-reports/holding/summary. */
export const HoldingSummaryQuery = Type.Object(period, { additionalProperties: false });

/** ?from&to&format of GET /sla-reports/offers. */
export const OffersQuery = Type.Object(period, { additionalProperties: false });

/** ?from&to&format&limit&cursor of GET /sla-reports/holding. */
export const HoldingQuery = Type.Object({ ...period, ...PageQuery }, { additionalProperties: false });

const Minutes = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });
const Counts = {
  clocks: Type.Integer({ description: 'Clocks of this target counted' }),
  met: Type.Integer({ description: 'Met within the target' }),
  breached: Type.Integer({ description: 'Breached (met late or not met), a running clock past its due time included' }),
  open: Type.Integer({ description: 'Neither yet: running or paused' }),
  ended: Type.Integer({ description: 'Can no longer be met and was not breached: the case was resolved or closed without it, or another party became responsible' }),
  compliance: Type.Union([Type.Number(), Type.Null()], { description: 'met ÷ (met + breached); null when none is decided' }),
};
const TargetFigures = Type.Object({
  ...Counts,
  medianMinutes: Minutes('Median business minutes to meet it, of the met clocks (on time or late); null when none'),
  p90Minutes: Minutes('90th percentile (linear interpolation), as the median'),
});
const TargetCounts = Type.Object(Counts);

const OfferRef = Type.Union([Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()], { description: 'null: cases about no offer' });
const Period = Type.Object({ from: IsoDate, to: IsoDate });

const Bucket = Type.Object({ from: IsoDate, to: IsoDate }, { description: 'A week or month of the period (UTC), cut to the period' });

/** One row of a compliance report. */
export const ComplianceRow = Type.Object({
  bucket: Type.Optional(Bucket),
  party: Type.Optional(Type.Object({ orgId: Type.String(), name: Type.Union([Type.String(), Type.Null()]) })),
  offer: Type.Optional(OfferRef),
  category: Type.Optional(Type.Enum([...SUPPORT_CATEGORIES])),
  severity: Type.Optional(Type.Enum([...SEVERITIES])),
  cases: Type.Integer({ description: 'Cases with a clock in the row' }),
  firstResponse: TargetFigures,
  resolution: TargetFigures,
}, { $id: 'SlaComplianceRow', title: 'SlaComplianceRow' });

/** GET /sla-reports/compliance. */
export const ComplianceReport = Type.Object({
  period: Period,
  asOf: Type.String({ format: 'date-time', description: 'The clocks as they stand at this time' }),
  scope: Type.Enum(['own', 'all'], { description: 'own: your organization\'s clocks; all: every party\'s (the operator)' }),
  groupBy: Type.Array(Type.Enum([...REPORT_DIMENSIONS])),
  interval: Type.Union([Type.Enum([...REPORT_INTERVALS]), Type.Null()], { description: 'null: one row per group over the whole period' }),
  buckets: Type.Array(Bucket, { description: 'Over time: every bucket of the period in order, those without cases too; empty otherwise' }),
  rows: Type.Array(Type.Ref('SlaComplianceRow')),
});

/** GET /sla-reports/volume. */
export const VolumeReport = Type.Object({
  period: Period,
  asOf: Type.String({ format: 'date-time', description: 'Cases counted as done (resolved or closed) at this time' }),
  scope: Type.Enum(['own', 'offers', 'all'], { description: 'own: the cases your organization takes part in; offers: a publisher\'s — cases about its offers and those it takes part in; all: every case (the operator)' }),
  groupBy: Type.Array(Type.Enum([...VOLUME_DIMENSIONS])),
  interval: Type.Union([Type.Enum([...REPORT_INTERVALS]), Type.Null()]),
  buckets: Type.Array(Bucket),
  rows: Type.Array(Type.Object({
    bucket: Type.Optional(Bucket),
    offer: Type.Optional(OfferRef),
    category: Type.Optional(Type.Enum([...SUPPORT_CATEGORIES])),
    severity: Type.Optional(Type.Enum([...SEVERITIES])),
    opened: Type.Integer({ description: 'Cases opened' }),
    done: Type.Integer({ description: 'Of them, resolved or closed at asOf' }),
  })),
});

/** GET /sla-reports/holding/summary. */
export const HoldingSummary = Type.Object({
  period: Period,
  asOf: Type.String({ format: 'date-time' }),
  scope: Type.Enum(['own', 'all']),
  rows: Type.Array(Type.Object({
    party: Type.Object({ orgId: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    cases: Type.Integer({ description: 'Cases of the period the party held' }),
    times: Type.Integer({ description: 'How many times it received them' }),
    medianBusinessMinutes: Minutes('Median business minutes it held a case (per case, all its holdings summed)'),
    p90BusinessMinutes: Minutes('90th percentile (linear interpolation), as the median'),
    totalBusinessMinutes: Type.Number({ description: 'Business minutes held, all cases' }),
    totalMinutes: Type.Number({ description: 'Wall-clock minutes held, all cases' }),
    totalWaitingMinutes: Type.Number({ description: 'Of the wall-clock minutes, waiting on the customer' }),
  })),
});

/** GET /sla-reports/offers. */
export const OffersReport = Type.Object({
  period: Period,
  asOf: Type.String({ format: 'date-time' }),
  scope: Type.Enum(['offers', 'all'], { description: 'offers: every party\'s clocks on cases about your own offers (a publisher); all: every offer (the operator)' }),
  rows: Type.Array(Type.Object({ offer: OfferRef, cases: Type.Integer(), firstResponse: TargetCounts, resolution: TargetCounts })),
});

/** One case and how long each party held it. */
export const CaseHolding = Type.Object({
  case: Type.Object({
    id: Type.String(), openedAt: IsoDate, status: Type.Enum([...CASE_STATUSES]), category: Type.Enum([...SUPPORT_CATEGORIES]),
    severity: Type.Enum([...SEVERITIES]), offer: OfferRef,
  }),
  holdings: Type.Array(Type.Object({
    party: Type.Object({ orgId: Type.String(), name: Type.Union([Type.String(), Type.Null()]), role: Type.String() }),
    firstReceivedAt: IsoDate,
    times: Type.Integer({ description: 'How many times the party received the case (a reopen gives it back to its holder)' }),
    heldMinutes: Type.Number({ description: 'Wall-clock minutes it held the case, to a tenth' }),
    heldBusinessMinutes: Type.Number({ description: 'Of them, in its support hours (`hours`)' }),
    waitingMinutes: Type.Number({ description: 'Of the held minutes, waiting on the customer' }),
    waitingBusinessMinutes: Type.Number(),
    hours: Type.Enum(['policy', 'around_the_clock', 'default'], {
      description: 'policy: the calendar of the policy its clocks on the case follow; around_the_clock: a critical case its policy runs so; default: it has no clock on the case (it asked the question), so the default hours',
    }),
  })),
}, { $id: 'SlaCaseHolding', title: 'SlaCaseHolding' });

/** GET /sla-reports/holding. */
export const HoldingReport = Type.Object({
  period: Period,
  asOf: Type.String({ format: 'date-time' }),
  scope: Type.Enum(['own', 'all']),
  items: Type.Array(Type.Ref('SlaCaseHolding')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
