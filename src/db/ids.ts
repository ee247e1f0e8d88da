/**
 * Identifiers carry their entity's prefix (`org_…`, `usr_…`), so a bare id in a log names what it
 * is, and start with the time so they sort roughly by creation.
 */
import { randomBytes } from 'node:crypto';

export const ID_PREFIXES = {
  organization: 'org',
  user: 'usr',
  session: 'ses',
  apiToken: 'tok',
  indirectRelationship: 'irl',
  customerRelationship: 'crl',
  agreement: 'agr',
  subscription: 'sub',
  case: 'case',
  caseMessage: 'msg',
  caseAttachment: 'att',
  caseEvent: 'evt',
  domainEvent: 'ev',
  notification: 'ntf',
  emailDelivery: 'eml',
  webhookEndpoint: 'whe',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  incident: 'inc',
  incidentUpdate: 'inu',
  auditEntry: 'aud',
} as const;

/** The kinds of entity that have ids. */
export type IdKind = keyof typeof ID_PREFIXES;

/**
 * Where ids come from: a new id of a kind whose time part is `atMs` (the change's time, from the
 * application's clock). The application's is `newId`; tests may pass their own.
 */
export type NewId = (kind: IdKind, atMs: number) => string;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new id for an entity of the given kind. */
export function newId(kind: IdKind, now: number = Date.now()): string {
  const bytes = randomBytes(12);
  let random = '';
  for (const b of bytes) random += ALPHABET[b % 32];
  return `${ID_PREFIXES[kind]}_${now.toString(36).padStart(9, '0')}${random}`;
}
