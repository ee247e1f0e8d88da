/** Request and response schemas of the audit log routes (also the OpenAPI source). */
import { Type, type TSchema } from 'typebox';
import { IdParam, IsoDate, PageQuery } from '../../http/schemas.ts';
import { AUDIT_ACTIONS } from './audit.actions.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Change = Type.Object({ before: Type.Unknown(), after: Type.Unknown() });

/** One entry of an audit log. */
export const AuditEntry = Type.Object({
  id: Type.String(),
  orgId: Nullable(Type.String({ description: 'The organization whose log this is; null for a failed sign-in naming no known user (the operator\'s view only)' })),
  occurredAt: IsoDate,
  actorUserId: Nullable(Type.String({ description: 'Null for the system and for an unknown party' })),
  actorOrgId: Nullable(Type.String()),
  via: Type.Enum(['session', 'token', 'system', 'cli'], { description: 'How the actor proved who it is' }),
  action: Type.String({ description: 'A stable dotted code, e.g. `subscription.purchased`' }),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  changes: Type.Record(Type.String(), Change, { description: 'Only the fields that changed, before and after; secrets appear as "[redacted]"' }),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Facts of the action that are not a change' }),
  ip: Nullable(Type.String({ description: 'The client address as the server saw it' })),
  userAgent: Nullable(Type.String({ description: 'Cut to 512 characters' })),
  requestId: Nullable(Type.String()),
}, { $id: 'AuditEntry', title: 'AuditEntry' });

/** Filters of the audit log (without the page). */
export const AuditFilterQuery = {
  action: Type.Optional(Type.Array(Type.Enum([...AUDIT_ACTIONS]), { minItems: 1, maxItems: AUDIT_ACTIONS.length, description: 'Any of these actions; repeat the parameter for several' })),
  actorUserId: Type.Optional(IdParam),
  subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+$' })),
  subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this time' })),
  orgId: Type.Optional(Type.String({ ...IdParam, description: 'The operator: one organization\'s log, or `none` for failed sign-ins naming no known user. Others: their own organization only' })),
};

/** `GET /audit-log`: filters and page. */
export const AuditListQuery = Type.Object({ ...AuditFilterQuery, ...PageQuery }, { additionalProperties: false });
/** `GET /audit-log.csv`: filters. */
export const AuditExportQuery = Type.Object({ ...AuditFilterQuery }, { additionalProperties: false });
