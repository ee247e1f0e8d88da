/**
 * Owner-level identity tasks for the command line: no viewer exists yet when an operator sets
 * up the first users, so these run as the owner. Never reachable over HTTP.
 */
import { AppError } from '../../core/app-error.ts';
import { isRoleOfKind, type Role, type Viewer } from '../../core/parties.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { IdentityErrorCode } from './identity.errors.ts';
import * as repo from './identity.repository.ts';
import { assertPasswordAcceptable, hashPassword } from './identity.service.ts';

const err = (code: IdentityErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);

/**
 * The one user with this e-mail, of the organization given if any. An e-mail is unique per
 * organization only: when several organizations have it, the organization must be named.
 */
async function findOneUserByEmail(tx: Tx, email: string, orgId?: string) {
  const users = await repo.findUsersByEmail(tx, email, orgId);
  if (users.length === 0) throw err('USER_NOT_FOUND', `No user ${email}${orgId ? ` in ${orgId}` : ''}.`);
  if (users.length > 1) {
    const orgIds = users.map((u) => u.org_id);
    throw err('ORGANIZATION_CHOICE_REQUIRED', `${email} is a user of several organizations (${orgIds.join(', ')}): name one with --org.`, { organizationIds: orgIds });
  }
  return users[0]!;
}

/** Creates a user in an organization, from the command line. */
export async function createUserAsOwner(db: Database, input: { orgId: string; email: string; name: string; roles: string[]; password: string; locale?: 'en' | 'ko' }) {
  const email = input.email.trim().toLowerCase();
  assertPasswordAcceptable(input.password, { email, name: input.name }, '--password');
  const passwordHash = await hashPassword(input.password);
  return db.withOwner(async (tx) => {
    const org = await repo.findOrganization(tx, input.orgId);
    if (!org) throw err('ORGANIZATION_NOT_FOUND', `No organization ${input.orgId}.`);
    const bad = input.roles.filter((r) => !isRoleOfKind(r, org.kind));
    if (bad.length > 0 || input.roles.length === 0) throw err('ROLE_NOT_OF_KIND', `Users of a ${org.kind} organization hold roles among the kind's own; refused: ${bad.join(', ') || '(none given)'}.`);
    if ((await repo.findUsersByEmail(tx, email, org.id)).length > 0) throw err('EMAIL_TAKEN', `${email} is taken in ${org.id}.`);
    const id = newId('user');
    await repo.insertUser(tx, { orgId: org.id }, { id, email, name: input.name, roles: [...new Set(input.roles)] as Role[], passwordHash, locale: input.locale ?? 'en' });
    return { id, email, orgId: org.id };
  });
}

/**
 * Sets a user's password by e-mail (and organization, when the e-mail is a user of several), ends
 * their sessions and revokes their tokens, from the command line.
 */
export async function resetPasswordAsOwner(db: Database, emailInput: string, password: string, orgId?: string) {
  const email = emailInput.trim().toLowerCase();
  const user = await db.withOwner((tx) => findOneUserByEmail(tx, email, orgId));
  assertPasswordAcceptable(password, { email, name: user.name }, '--password');
  const passwordHash = await hashPassword(password);
  return db.withOwner(async (tx) => {
    await repo.updateUser(tx, { orgId: user.org_id }, user.id, { passwordHash });
    await repo.deleteSessionsOfUser(tx, { orgId: user.org_id }, user.id);
    await repo.revokeTokensOfUser(tx, { orgId: user.org_id }, user.id, new Date());
    return { id: user.id, email, orgId: user.org_id };
  });
}

/** Lists organizations for the command line (so an operator can find an org id). */
export async function listOrganizationsAsOwner(db: Database) {
  return db.withOwner((tx) => repo.listOrganizations(tx, { limit: 10_000 }));
}

/**
 * The viewer a user acts as, found by e-mail, for command-line tools that act as someone (routing
 * explanations): the user's own roles of its organization's kind, as a session of theirs would carry.
 */
export async function findViewerByEmailAsOwner(db: Database, emailInput: string, orgId?: string): Promise<Viewer> {
  const email = emailInput.trim().toLowerCase();
  return db.withOwner(async (tx) => {
    const user = await findOneUserByEmail(tx, email, orgId);
    const org = await repo.findOrganization(tx, user.org_id);
    if (!org) throw err('USER_NOT_FOUND', `No user ${email}.`);
    if (user.disabled_at) throw err('USER_NOT_FOUND', `The user ${email} is disabled.`);
    const roles = user.roles.filter((r) => isRoleOfKind(r, org.kind)) as Role[];
    return { userId: user.id, orgId: org.id, orgKind: org.kind, partnerModel: org.partner_model, roles, via: 'session' };
  });
}
