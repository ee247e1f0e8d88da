/**
 * Use cases of identity: signing in and out, resolving a session or API token into a viewer,
 * the organization directory, users and tokens. Each use case opens its own transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../core/app-error.ts';
import { permissionDenied, validationFailed } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import { can, permissionsOf, type Permission } from '../../core/permissions.ts';
import { isRoleOfKind, type OrgKind, type PartnerModel, type Role, type Viewer } from '../../core/parties.ts';
import { decidePassword, type PasswordOwner } from '../../core/password-rules.ts';
import { candidatesToVerify, chooseSignInUser, MAX_SIGN_IN_CANDIDATES } from '../../core/sign-in-rules.ts';
import { decideUserAdministration, HEAD_ROLE_OF_KIND, heldRolesOfKind } from '../../core/user-admin-rules.ts';
import type { Database } from '../../db/database.ts';
import { diffChanges, recordAudit, recordSignInFailure } from '../audit/index.ts';
import { runIdempotent, type Idempotent } from '../idempotency/index.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import type { OrganizationRow, UserRow } from '../../db/schema.ts';
import type { IdentityErrorCode } from './identity.errors.ts';
import { insertOrganizationWithFirstUser } from './identity.organizations.ts';
import * as repo from './identity.repository.ts';

const err = (code: IdentityErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);

/** argon2id (the library's default algorithm) with its defaults: m=19 MiB, t=2, p=1 — OWASP's minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** SHA-256 of a bearer secret; secrets are random 256-bit values, so no salt is needed. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

// A hash to verify against when the e-mail is unknown, so both paths take the same time.
let decoyHash: Promise<string> | null = null;

/** What the console and API clients learn about the signed-in viewer. */
export interface Me {
  user: { id: string; email: string; name: string; roles: Role[]; locale: 'en' | 'ko' };
  organization: PresentedOrganization;
  permissions: Permission[];
  via: 'session' | 'token';
}

export interface PresentedOrganization {
  id: string;
  kind: OrgKind;
  name: string;
  partnerModel: PartnerModel | null;
  country: string;
  inGoodStanding: boolean;
}

export interface PresentedUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  locale: 'en' | 'ko';
  disabled: boolean;
  createdAt: string;
}

export interface PresentedToken {
  id: string;
  name: string;
  prefix: string;
  roles: Role[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One session of the signed-in user, as they see it in their list. */
export interface PresentedSession {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** How long a session's last use may be out of date: its row is written at most this often. */
const SESSION_SEEN_PRECISION_MS = 5 * 60_000;

/** Refuses a password a person may not choose, naming the field, with the strength library's hint. */
export function assertPasswordAcceptable(password: string, owner: PasswordOwner, field: string): void {
  const decision = decidePassword(password, owner);
  if (decision.acceptable) return;
  const message = decision.reason === 'too_weak' ? `is too easy to guess. ${decision.hint}` : decision.hint;
  throw err('PASSWORD_TOO_WEAK', `${field}: ${message}`, {
    errors: [{ field, message }], hint: decision.hint, reason: decision.reason,
    ...(decision.reason === 'too_weak' ? { score: decision.score } : {}),
  });
}

/**
 * Refuses an administration the viewer's roles don't cover (src/core/user-admin-rules.ts):
 * granting roles they don't hold, or acting on a user who holds roles they don't.
 */
function assertMayAdminister(viewer: Viewer, change: { targetRoles?: readonly Role[]; grantRoles?: readonly Role[] }, action: string): void {
  const decision = decideUserAdministration(viewer.roles, change);
  if (decision.allowed) return;
  if (decision.reason === 'not_administrator') throw permissionDenied(action);
  if (decision.reason === 'target_holds_more') {
    throw err('USER_HOLDS_ROLES_NOT_HELD', `This user holds roles you don't hold (${decision.roles.join(', ')}); only someone holding them may ${action}.`, { roles: decision.roles });
  }
  throw err('ROLES_NOT_HELD', `You can only give roles you hold yourself; you don't hold: ${decision.roles.join(', ')}.`, { roles: decision.roles });
}

export function presentOrganization(o: OrganizationRow): PresentedOrganization {
  return { id: o.id, kind: o.kind, name: o.name, partnerModel: o.partner_model, country: o.country, inGoodStanding: o.in_good_standing };
}

function presentUser(u: UserRow): PresentedUser {
  return {
    id: u.id, email: u.email, name: u.name, roles: u.roles as Role[], locale: u.locale,
    disabled: u.disabled_at !== null, createdAt: u.created_at.toISOString(),
  };
}

function presentToken(t: Awaited<ReturnType<typeof repo.findToken>> & object): PresentedToken {
  return {
    id: t.id, name: t.name, prefix: t.prefix, roles: t.roles as Role[], createdBy: t.created_by,
    createdAt: t.created_at.toISOString(), expiresAt: t.expires_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null, revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

function checkRoles(roles: readonly string[], kind: OrgKind): Role[] {
  const unique = [...new Set(roles)];
  const bad = unique.filter((r) => !isRoleOfKind(r, kind));
  if (bad.length > 0) throw err('ROLE_NOT_OF_KIND', `Users of a ${kind} organization can't hold: ${bad.join(', ')}.`, { roles: bad });
  if (unique.length === 0) throw validationFailed('roles', 'at least one role is required');
  return unique as Role[];
}


/** Builds the identity use cases over a database. */
export function createIdentityService(deps: {
  db: Database; sessionTtlHours: number; tokenTtlDays?: number;
  /** The clock and the id source (default: the system's). */
  now?: () => Date; newId?: NewId;
  /** Bounds how many password checks of sign-ins run at once (default: no bound). */
  passwordChecks?: { run<T>(fn: () => Promise<T>): Promise<T> };
}) {
  const { db } = deps;
  const passwordChecks = deps.passwordChecks ?? { run: <T>(fn: () => Promise<T>) => fn() };
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;
  const tokenTtlDays = deps.tokenTtlDays ?? 90;

  return {
    /** Checks an e-mail and password; on success opens a session and returns its secret. */
    async signIn(emailInput: string, password: string, options: { organizationId?: string; ip?: string | null; userAgent?: string | null; requestId?: string | null } = {}): Promise<{ sessionToken: string; expiresAt: Date; me: Me }> {
      const email = emailInput.trim().toLowerCase();
      const request = { ip: options.ip ?? null, userAgent: options.userAgent?.slice(0, 512) ?? null, requestId: options.requestId ?? null };
      // A refused sign-in is written to the log of each organization with a user of the e-mail.
      const refuse = async (reason: string, userId: string | null = null): Promise<never> => {
        await db.withAnonymous({ loginEmail: email }, (tx) => recordSignInFailure(tx, { email, reason, userId, request }));
        throw err('INVALID_CREDENTIALS', 'The e-mail or password is not correct.');
      };
      // 1. One short transaction reads who may sign in with this e-mail; its connection is free
      //    again before any password is hashed (PGlite has a single connection, a hash takes ~20 ms).
      const found = await db.withAnonymous({ loginEmail: email }, (tx) =>
        repo.findUsersForSignIn(tx, email, { orgId: options.organizationId, limit: MAX_SIGN_IN_CANDIDATES }));
      const candidates = candidatesToVerify(found.map((u) => ({ userId: u.id, orgId: u.org_id, passwordHash: u.password_hash! })), options.organizationId);
      // 2. The password is verified outside any transaction, a bounded number at once per process
      //    (SERVICE_UNAVAILABLE with `retryAfter` when every slot and the queue are taken).
      const matches = await passwordChecks.run(async () => {
        if (candidates.length === 0) {
          decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
          await verify(await decoyHash, password).catch(() => false);
          return [];
        }
        const matched: typeof candidates = [];
        for (const c of candidates) if (await verify(c.passwordHash, password).catch(() => false)) matched.push(c);
        return matched;
      });
      const choice = chooseSignInUser(matches, options.organizationId);
      if (choice.outcome === 'refused') return refuse(candidates.length === 0 ? 'unknown_email' : 'wrong_password');
      if (choice.outcome === 'choose_organization') {
        // Only organizations whose user this password matched: the person proved they are those users.
        const organizations = await db.withAnonymous({ loginEmail: email }, async (tx) => {
          const out: { id: string; name: string }[] = [];
          for (const m of matches.filter((x) => choice.orgIds.includes(x.orgId))) {
            await repo.enterOrganization(tx, { id: m.orgId, kind: 'unknown' }, m.userId);
            const org = await repo.findOrganization(tx, m.orgId);
            if (org) out.push({ id: org.id, name: org.name });
          }
          return out;
        });
        throw err('ORGANIZATION_CHOICE_REQUIRED', 'This e-mail and password sign in to several organizations. Sign in again naming one as organizationId.', { organizationIds: choice.orgIds, organizations });
      }
      const verifiedHash = matches.find((m) => m.userId === choice.userId)!.passwordHash;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + deps.sessionTtlHours * 3_600_000);
      // 3. A second short transaction opens the session, if the user may still sign in with the
      //    password just verified (not disabled nor given another password meanwhile).
      const result = await db.withAnonymous({ loginEmail: email }, async (tx) => {
        // The user's organization is visible once the transaction names it.
        await repo.enterOrganization(tx, { id: choice.orgId, kind: 'unknown' }, choice.userId);
        const org = await repo.findOrganization(tx, choice.orgId);
        if (!org) return null;
        await repo.enterOrganization(tx, org, choice.userId);
        const user = await repo.findUser(tx, { orgId: org.id }, choice.userId);
        if (!user || user.disabled_at || user.password_hash !== verifiedHash) return null;
        await repo.deleteExpiredSessionsOfUser(tx, { orgId: org.id }, user.id, now());
        const sessionId = newId('session', now().getTime());
        await repo.insertSession(tx, { id: sessionId, userId: user.id, orgId: org.id, tokenHash: hashSecret(token), expiresAt, ip: options.ip, userAgent: options.userAgent });
        const viewer: Viewer = { userId: user.id, orgId: org.id, orgKind: org.kind, partnerModel: org.partner_model, roles: user.roles as Role[], via: 'session', request };
        await recordAudit(tx, viewer, [{ action: 'auth.signed_in', subjectType: 'session', subjectId: sessionId, details: { email } }]);
        return { user, org };
      });
      if (!result) return refuse('not_allowed', choice.userId);
      return { sessionToken: token, expiresAt, me: toMe(result.user, result.org, result.user.roles as Role[], 'session') };
    },

    /** Resolves a session cookie or an API token into a viewer, or null. */
    async authenticate(credential: { kind: 'session' | 'token'; secret: string }): Promise<(Viewer & { sessionId?: string; tokenId?: string; locale: 'en' | 'ko' }) | null> {
      const tokenHash = hashSecret(credential.secret);
      return db.withAnonymous({ tokenHash }, async (tx) => {
        const at = now();
        const found = credential.kind === 'session'
          ? await repo.findLiveSession(tx, tokenHash, at).then((s) => s && { userId: s.user_id, orgId: s.org_id, roles: null as string[] | null, id: s.id, seenAt: s.last_seen_at ?? s.created_at })
          : await repo.findLiveToken(tx, tokenHash, at).then((t) => t && { userId: t.created_by, orgId: t.org_id, roles: t.roles, id: t.id });
        if (!found) return null;
        await repo.enterOrganization(tx, { id: found.orgId, kind: 'unknown' }, found.userId);
        const org = await repo.findOrganization(tx, found.orgId);
        const user = await repo.findUser(tx, { orgId: found.orgId }, found.userId);
        if (!org || !user || user.disabled_at) return null;
        // A token acts with its own roles, but never more than its creator still holds.
        const roles = (found.roles ?? user.roles).filter((r) => user.roles.includes(r) && isRoleOfKind(r, org.kind)) as Role[];
        if (roles.length === 0) return null;
        if (credential.kind === 'token') {
          await repo.enterOrganization(tx, org, user.id);
          await repo.touchToken(tx, { orgId: org.id }, found.id, at);
        } else if ('seenAt' in found && at.getTime() - found.seenAt.getTime() >= SESSION_SEEN_PRECISION_MS) {
          // Written only when out of date by a few minutes, not on every request.
          await repo.enterOrganization(tx, org, user.id);
          await repo.touchSession(tx, { orgId: org.id }, found.id, at);
        }
        return {
          userId: user.id, orgId: org.id, orgKind: org.kind, partnerModel: org.partner_model, roles, via: credential.kind, locale: user.locale,
          ...(credential.kind === 'session' ? { sessionId: found.id } : { tokenId: found.id }),
        };
      });
    },

    /** Ends the viewer's session. */
    async signOut(viewer: Viewer, sessionId: string): Promise<void> {
      await db.withTenant(viewer, async (tx) => {
        await repo.deleteSession(tx, viewer, sessionId);
        await recordAudit(tx, viewer, [{ action: 'auth.signed_out', subjectType: 'session', subjectId: sessionId }]);
      });
    },

    /** The signed-in user's live sessions, newest first, marking the one of this request. */
    async listSessions(viewer: Viewer & { sessionId?: string }): Promise<{ items: PresentedSession[] }> {
      const rows = await db.withTenant(viewer, (tx) => repo.listLiveSessionsOfUser(tx, viewer, viewer.userId, now()));
      return {
        items: rows.map((r) => ({
          id: r.id, createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at?.toISOString() ?? null,
          expiresAt: new Date(r.expires_at).toISOString(), ip: r.ip, userAgent: r.user_agent, current: r.id === viewer.sessionId,
        })),
      };
    },

    /** Ends one session of the signed-in user (another user's answers SESSION_NOT_FOUND). */
    async endSession(viewer: Viewer, sessionId: string): Promise<void> {
      const ended = await db.withTenant(viewer, async (tx) => {
        const done = await repo.deleteSessionOfUser(tx, viewer, viewer.userId, sessionId);
        if (done) await recordAudit(tx, viewer, [{ action: 'session.ended', subjectType: 'session', subjectId: sessionId }]);
        return done;
      });
      if (!ended) throw err('SESSION_NOT_FOUND', 'You have no such session.');
    },

    /** Ends every session of the signed-in user but the current one (all of them when signed in with a token). */
    async endOtherSessions(viewer: Viewer & { sessionId?: string }): Promise<{ ended: number }> {
      const ended = await db.withTenant(viewer, async (tx) => {
        const count = await repo.deleteOtherSessionsOfUser(tx, viewer, viewer.userId, viewer.sessionId ?? null);
        if (count > 0) await recordAudit(tx, viewer, [{ action: 'session.ended', subjectType: 'user', subjectId: viewer.userId, details: { sessionsEnded: count, kept: viewer.sessionId ?? null } }]);
        return count;
      });
      return { ended };
    },

    /** The viewer, its organization and what it may do. */
    async me(viewer: Viewer): Promise<Me> {
      return db.withTenant(viewer, async (tx) => {
        const user = await repo.findUser(tx, viewer, viewer.userId);
        const org = await repo.findOrganization(tx, viewer.orgId);
        if (!user || !org) throw err('USER_NOT_FOUND', 'The signed-in user no longer exists.');
        return toMe(user, org, [...viewer.roles], viewer.via);
      });
    },

    /** One organization the viewer may see. */
    async getOrganization(viewer: Viewer, id: string): Promise<PresentedOrganization> {
      const org = await db.withTenant(viewer, (tx) => repo.findOrganization(tx, id));
      if (!org) throw err('ORGANIZATION_NOT_FOUND', 'No such organization.');
      return presentOrganization(org);
    },

    /** The organizations the viewer may see, by name. */
    async listOrganizations(viewer: Viewer, q: { kind?: OrgKind; cursor?: string; limit: number }): Promise<Page<PresentedOrganization>> {
      const after = readCursor(q.cursor, ['string', 'string']);
      const rows = await db.withTenant(viewer, (tx) => repo.listOrganizations(tx, { kind: q.kind, afterName: after, limit: q.limit }));
      return toPage(rows, q.limit, (o) => [o.name, o.id], presentOrganization);
    },

    /** The operator creates a publisher, partner or operator organization, with its first administrator. */
    async createOrganization(viewer: Viewer, input: {
      kind: OrgKind; name: string; partnerModel?: PartnerModel | null; country: string;
      admin: { email: string; name: string; password: string };
    }, idempotencyKey?: string): Promise<Idempotent<{ organization: PresentedOrganization; admin: PresentedUser }>> {
      if (!can(viewer, 'operator.manage')) throw permissionDenied('create organizations');
      if (input.kind === 'customer') throw validationFailed('kind', 'customers are created by their partners (POST /api/v1/customers)');
      if ((input.kind === 'partner') !== Boolean(input.partnerModel)) {
        throw validationFailed('partnerModel', input.kind === 'partner' ? 'a partner needs a model' : 'only partners have a model');
      }
      const adminRole: Role = HEAD_ROLE_OF_KIND[input.kind];
      assertPasswordAcceptable(input.admin.password, { email: input.admin.email, name: input.admin.name }, 'body.admin.password');
      const at = now();
      const orgId = newId('organization', at.getTime());
      const userId = newId('user', at.getTime());
      const passwordHash = await hashPassword(input.admin.password);
      // The password stays out of the stored fingerprint (an unsalted hash of it).
      const fingerprinted = { ...input, admin: { ...input.admin, password: true } };
      try {
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'organizations.create', input: fingerprinted, now: at }, async () => {
          const email = input.admin.email.trim().toLowerCase();
          const { organization, user } = await insertOrganizationWithFirstUser(tx, viewer,
            { id: orgId, kind: input.kind, name: input.name, partnerModel: input.partnerModel ?? null, country: input.country },
            { id: userId, email, name: input.admin.name, roles: [adminRole], passwordHash, locale: 'en' });
          // In the operator's own log (the transaction is the operator's again).
          await recordAudit(tx, viewer, [
            { action: 'organization.created', subjectType: 'organization', subjectId: orgId, changes: diffChanges(null, { kind: input.kind, name: input.name, partnerModel: input.partnerModel ?? null, country: input.country }) },
            { action: 'user.created', subjectType: 'user', subjectId: userId, changes: diffChanges(null, { email, name: input.admin.name, roles: [adminRole], organizationId: orgId }) },
          ]);
          return { organization: presentOrganization(organization), admin: presentUser(user!) };
        }));
      } catch (e) {
        if (isUniqueViolation(e)) throw err('EMAIL_TAKEN', 'Another user already signs in with this e-mail.');
        throw e;
      }
    },

    /** The operator marks a partner in or out of good standing. */
    async setGoodStanding(viewer: Viewer, orgId: string, inGoodStanding: boolean): Promise<PresentedOrganization> {
      if (!can(viewer, 'operator.manage')) throw permissionDenied('change a partner\'s standing');
      return db.withTenant(viewer, async (tx) => {
        const org = await repo.findOrganization(tx, orgId);
        if (!org) throw err('ORGANIZATION_NOT_FOUND', 'No such organization.');
        if (org.kind !== 'partner') throw validationFailed('orgId', 'only partners have a standing');
        await repo.setGoodStanding(tx, orgId, inGoodStanding);
        await recordAudit(tx, viewer, [{ action: 'organization.standing_changed', subjectType: 'organization', subjectId: orgId, changes: diffChanges({ inGoodStanding: org.in_good_standing }, { inGoodStanding }), skipUnchanged: true }]);
        return presentOrganization({ ...org, in_good_standing: inGoodStanding });
      });
    },

    async listUsers(viewer: Viewer, q: { cursor?: string; limit: number }): Promise<Page<PresentedUser>> {
      if (!can(viewer, 'users.manage')) throw permissionDenied('list users');
      const after = readCursor(q.cursor, ['string', 'string']);
      const rows = await db.withTenant(viewer, (tx) => repo.listUsers(tx, viewer, { after, limit: q.limit }));
      return toPage(rows, q.limit, (u) => [u.email, u.id], presentUser);
    },

    async getUser(viewer: Viewer, userId: string): Promise<PresentedUser> {
      if (!can(viewer, 'users.manage') && userId !== viewer.userId) throw err('USER_NOT_FOUND', 'No such user.');
      const user = await db.withTenant(viewer, (tx) => repo.findUser(tx, viewer, userId));
      if (!user) throw err('USER_NOT_FOUND', 'No such user.');
      return presentUser(user);
    },

    async createUser(viewer: Viewer, input: { email: string; name: string; roles: string[]; password?: string; locale?: 'en' | 'ko' }, idempotencyKey?: string): Promise<Idempotent<PresentedUser>> {
      if (!can(viewer, 'users.manage')) throw permissionDenied('create users');
      const roles = checkRoles(input.roles, viewer.orgKind);
      assertMayAdminister(viewer, { grantRoles: roles }, 'create users');
      if (input.password) assertPasswordAcceptable(input.password, { email: input.email, name: input.name }, 'body.password');
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      const id = newId('user', now().getTime());
      // The password stays out of the stored fingerprint (an unsalted hash of it): only whether one was given.
      const fingerprinted = { ...input, password: input.password !== undefined };
      try {
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'users.create', input: fingerprinted, now: now() }, async () => {
          await repo.insertUser(tx, viewer, { id, email: input.email.trim().toLowerCase(), name: input.name, roles, passwordHash, locale: input.locale ?? 'en' });
          const created = presentUser((await repo.findUser(tx, viewer, id))!);
          await recordAudit(tx, viewer, [{ action: 'user.created', subjectType: 'user', subjectId: id, changes: diffChanges(null, { email: created.email, name: created.name, roles: created.roles, locale: created.locale, passwordSet: passwordHash !== null }) }]);
          return created;
        }));
      } catch (e) {
        // E-mail is unique per organization: this names a user of the viewer's own organization only.
        if (isUniqueViolation(e)) throw err('EMAIL_TAKEN', 'Another user of your organization already has this e-mail.', { errors: [{ field: 'body.email', message: 'is taken in your organization' }] });
        throw e;
      }
    },

    /** Changes a user's name, roles, language or disabled state. */
    async updateUser(viewer: Viewer, userId: string, patch: { name?: string; roles?: string[]; locale?: 'en' | 'ko'; disabled?: boolean }): Promise<PresentedUser> {
      const isSelf = userId === viewer.userId;
      const adminOnly = patch.roles !== undefined || patch.disabled !== undefined;
      if (!can(viewer, 'users.manage') && (!isSelf || adminOnly)) {
        if (!isSelf) throw err('USER_NOT_FOUND', 'No such user.');
        throw permissionDenied('change roles or disable users');
      }
      const roles = patch.roles === undefined ? undefined : checkRoles(patch.roles, viewer.orgKind);
      if (isSelf && patch.disabled) throw err('SELF_LOCKOUT', 'You can\'t disable yourself.');
      if (isSelf && roles && !roles.some((r) => can({ roles: [r] }, 'users.manage'))) {
        throw err('SELF_LOCKOUT', 'You can\'t remove your own right to manage users.');
      }
      return db.withTenant(viewer, async (tx) => {
        const user = await repo.findUser(tx, viewer, userId);
        if (!user) throw err('USER_NOT_FOUND', 'No such user.');
        // Editing one's own name or language needs no right; anything else is an administration.
        if (!isSelf || adminOnly) assertMayAdminister(viewer, { targetRoles: user.roles as Role[], ...(roles ? { grantRoles: roles } : {}) }, 'change this user');
        const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? (user.disabled_at ?? now()) : null;
        await repo.updateUser(tx, viewer, userId, { name: patch.name, roles, locale: patch.locale, disabledAt });
        if (patch.disabled) {
          // A disabled user's credentials end for good: enabling them again revives no session or token.
          await repo.deleteSessionsOfUser(tx, viewer, userId);
          await repo.revokeTokensOfUser(tx, viewer, userId, now());
        }
        const before = presentUser(user);
        const after = presentUser((await repo.findUser(tx, viewer, userId))!);
        const subject = { subjectType: 'user', subjectId: userId, skipUnchanged: true } as const;
        await recordAudit(tx, viewer, [
          { action: 'user.updated', ...subject, changes: diffChanges({ name: before.name, locale: before.locale }, { name: after.name, locale: after.locale }) },
          { action: 'user.roles_changed', ...subject, changes: diffChanges({ roles: [...before.roles].sort() }, { roles: [...after.roles].sort() }) },
          { action: after.disabled ? 'user.disabled' : 'user.enabled', ...subject, changes: diffChanges({ disabled: before.disabled }, { disabled: after.disabled }) },
        ]);
        return after;
      });
    },

    /**
     * Sets a user's password. The user for itself: with the current password, ending its other
     * sessions (the current one stays). An administrator for another user (a reset): ending every
     * session of that user and revoking every token they made.
     */
    async setPassword(viewer: Viewer & { sessionId?: string }, userId: string, password: string, currentPassword?: string): Promise<void> {
      const isSelf = userId === viewer.userId;
      if (!isSelf && !can(viewer, 'users.manage')) throw err('USER_NOT_FOUND', 'No such user.');
      if (isSelf && currentPassword === undefined) throw validationFailed('body.currentPassword', 'is required to change your own password');
      const user = await db.withTenant(viewer, (tx) => repo.findUser(tx, viewer, userId));
      if (!user) throw err('USER_NOT_FOUND', 'No such user.');
      if (!isSelf) assertMayAdminister(viewer, { targetRoles: user.roles as Role[] }, 'reset this user\'s password');
      if (isSelf) {
        // Verified outside any transaction: argon2 holds no database connection.
        const hash = user.password_hash;
        const matches = hash !== null && await passwordChecks.run(() => verify(hash, currentPassword!).catch(() => false));
        if (!matches) throw err('CURRENT_PASSWORD_INCORRECT', 'body.currentPassword: is not your current password.', { errors: [{ field: 'body.currentPassword', message: 'is not your current password' }] });
      }
      assertPasswordAcceptable(password, { email: user.email, name: user.name }, 'body.password');
      const passwordHash = await hashPassword(password);
      await db.withTenant(viewer, async (tx) => {
        await repo.updateUser(tx, viewer, userId, { passwordHash });
        if (isSelf) {
          await repo.deleteOtherSessionsOfUser(tx, viewer, userId, viewer.sessionId ?? null);
        } else {
          await repo.deleteSessionsOfUser(tx, viewer, userId);
          await repo.revokeTokensOfUser(tx, viewer, userId, now());
        }
        await recordAudit(tx, viewer, [{ action: isSelf ? 'user.password_changed' : 'user.password_reset', subjectType: 'user', subjectId: userId }]);
      });
    },

    /** Creates an API token; its secret is returned this once and stored only as a hash. */
    async createToken(viewer: Viewer, input: { name: string; roles?: string[]; expiresInDays?: number }, idempotencyKey?: string): Promise<{ token: string; info: PresentedToken }> {
      if (!can(viewer, 'users.manage')) throw permissionDenied('create API tokens');
      const roles = input.roles === undefined ? [...viewer.roles] : checkRoles(input.roles, viewer.orgKind);
      const notHeld = roles.filter((r) => !viewer.roles.includes(r));
      if (notHeld.length > 0) throw err('TOKEN_ROLES_NOT_HELD', `A token can only carry roles you hold; you don't hold: ${notHeld.join(', ')}.`, { roles: notHeld });
      const secret = `sbt_${randomBytes(32).toString('base64url')}`;
      const id = newId('apiToken', now().getTime());
      if (input.expiresInDays !== undefined && input.expiresInDays > tokenTtlDays) {
        throw validationFailed('body.expiresInDays', `must be at most ${tokenTtlDays} days, the longest a token may live`);
      }
      const expiresAt = new Date(now().getTime() + (input.expiresInDays ?? tokenTtlDays) * 86_400_000);
      // The secret is never stored, so a retry with the key answers IDEMPOTENCY_SECRET_SHOWN_ONCE
      // naming the token made (to use, or to revoke) instead of a second secret.
      const idempotency = { key: idempotencyKey, operation: 'tokens.create', input, now: now(), withoutSecret: (shown: PresentedToken) => shown };
      const { value: info } = await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, idempotency, async () => {
        await repo.insertToken(tx, viewer, { id, name: input.name, tokenHash: hashSecret(secret), prefix: secret.slice(0, 10), roles, expiresAt });
        const created = presentToken((await repo.findToken(tx, viewer, id))!);
        await recordAudit(tx, viewer, [{ action: 'token.created', subjectType: 'api_token', subjectId: id, changes: diffChanges(null, { name: created.name, prefix: created.prefix, roles: created.roles, expiresAt: created.expiresAt }) }]);
        return created;
      }));
      return { token: secret, info };
    },

    async listTokens(viewer: Viewer, q: { cursor?: string; limit: number }): Promise<Page<PresentedToken>> {
      if (!can(viewer, 'users.manage')) throw permissionDenied('list API tokens');
      const after = readCursor(q.cursor, ['timestamp', 'string']);
      // Tokens of users holding roles the viewer doesn't hold are not the viewer's to see.
      const rows = await db.withTenant(viewer, (tx) => repo.listTokens(tx, viewer, { after, limit: q.limit, creatorRolesWithin: heldRolesOfKind(viewer.roles, viewer.orgKind) }));
      return toPage(rows, q.limit, (t) => [t.created_at.toISOString(), t.id], presentToken);
    },

    async revokeToken(viewer: Viewer, tokenId: string): Promise<PresentedToken> {
      if (!can(viewer, 'users.manage')) throw err('TOKEN_NOT_FOUND', 'No such token.');
      return db.withTenant(viewer, async (tx) => {
        const token = await repo.findToken(tx, viewer, tokenId);
        // A token of a user holding roles the viewer doesn't hold is invisible to it, as in the list.
        if (!token || !decideUserAdministration(viewer.roles, { targetRoles: token.creator_roles as Role[] }).allowed) throw err('TOKEN_NOT_FOUND', 'No such token.');
        await repo.revokeToken(tx, viewer, tokenId, now());
        const revoked = presentToken((await repo.findToken(tx, viewer, tokenId))!);
        await recordAudit(tx, viewer, [{ action: 'token.revoked', subjectType: 'api_token', subjectId: tokenId, changes: diffChanges({ revokedAt: presentToken(token).revokedAt }, { revokedAt: revoked.revokedAt }), skipUnchanged: true }]);
        return revoked;
      });
    },
  };
}

function toMe(user: UserRow, org: OrganizationRow, roles: Role[], via: 'session' | 'token'): Me {
  return {
    user: { id: user.id, email: user.email, name: user.name, roles, locale: user.locale },
    organization: presentOrganization(org),
    permissions: permissionsOf(roles),
    via,
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
