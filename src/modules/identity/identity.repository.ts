/**
 * The only SQL of the identity context. Every function takes the transaction its service opened;
 * reads that depend on the viewer take the viewer as well, and the row policies stand behind them.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { OrganizationRow, OrganizationsTable, UserRow } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;

/**
 * The users with this e-mail who may sign in (a password, not disabled), oldest first, at most
 * `limit`, of one organization if given; the anonymous transaction must carry it as `loginEmail`.
 */
export async function findUsersForSignIn(tx: Tx, email: string, opts: { orgId?: string; limit: number }): Promise<UserRow[]> {
  let q = tx.selectFrom('users').selectAll().where('email', '=', email)
    .where('password_hash', 'is not', null).where('disabled_at', 'is', null);
  if (opts.orgId !== undefined) q = q.where('org_id', '=', opts.orgId);
  return q.orderBy('created_at').orderBy('id').limit(opts.limit).execute();
}

/** Points the rest of an anonymous transaction at an organization, once its credential checked out. */
export async function enterOrganization(tx: Tx, org: { id: string; kind: string }, userId: string): Promise<void> {
  await sql`SELECT set_config('app.org_id', ${org.id}, true), set_config('app.org_kind', ${org.kind}, true), set_config('app.user_id', ${userId}, true)`.execute(tx);
}

export async function insertSession(tx: Tx, row: { id: string; userId: string; orgId: string; tokenHash: string; expiresAt: Date; ip?: string | null; userAgent?: string | null }) {
  await tx.insertInto('sessions').values({
    id: row.id, user_id: row.userId, org_id: row.orgId, token_hash: row.tokenHash, expires_at: row.expiresAt,
    ip: row.ip?.slice(0, 100) ?? null, user_agent: row.userAgent?.slice(0, 512) ?? null,
  }).execute();
}

/** The live session with this token hash; the anonymous transaction must carry it as `tokenHash`. */
export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  return tx.selectFrom('sessions').select(['id', 'user_id', 'org_id', 'created_at', 'last_seen_at'])
    .where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();
}

export async function deleteSession(tx: Tx, viewer: Scope, sessionId: string) {
  await tx.deleteFrom('sessions').where('id', '=', sessionId).where('org_id', '=', viewer.orgId).execute();
}

/** Records that a session was used (the caller writes only when the last record is a few minutes old). */
export async function touchSession(tx: Tx, viewer: Scope, sessionId: string, now: Date) {
  await tx.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).where('org_id', '=', viewer.orgId).execute();
}

/** A user's live sessions, newest first. */
export async function listLiveSessionsOfUser(tx: Tx, viewer: Scope, userId: string, now: Date) {
  return tx.selectFrom('sessions').select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('org_id', '=', viewer.orgId).where('user_id', '=', userId).where('expires_at', '>', now)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1_000).execute();
}

/** Ends one session of a user; whether it was theirs. */
export async function deleteSessionOfUser(tx: Tx, viewer: Scope, userId: string, sessionId: string): Promise<boolean> {
  const r = await tx.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).where('org_id', '=', viewer.orgId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Ends every session of a user but one (the current), or all when `keepId` is null; how many ended. */
export async function deleteOtherSessionsOfUser(tx: Tx, viewer: Scope, userId: string, keepId: string | null): Promise<number> {
  let q = tx.deleteFrom('sessions').where('user_id', '=', userId).where('org_id', '=', viewer.orgId);
  if (keepId !== null) q = q.where('id', '!=', keepId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The live token with this hash; the anonymous transaction must carry it as `tokenHash`. */
export async function findLiveToken(tx: Tx, tokenHash: string, now: Date) {
  return tx.selectFrom('api_tokens').select(['id', 'org_id', 'created_by', 'roles'])
    .where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchToken(tx: Tx, viewer: Scope, tokenId: string, now: Date) {
  await tx.updateTable('api_tokens').set({ last_used_at: now })
    .where('id', '=', tokenId).where('org_id', '=', viewer.orgId).execute();
}

// Organizations: what the row policy of the transaction lets it see — one's own, the public
// directory of operators and publishers, partners to partners and publishers, customers to whoever
// sees one of their relationships or subscriptions, all to the operator. No other check applies,
// so these reads take no viewer.

/** One organization, if the transaction may see it. */
export async function findOrganization(tx: Tx, id: string): Promise<OrganizationRow | undefined> {
  return tx.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organizations among `ids` that the transaction may see, in no particular order. */
export async function findOrganizationsByIds(tx: Tx, ids: readonly string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return tx.selectFrom('organizations').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** The marketplace operator: the first operator organization (one per deployment; every signed-in organization sees it). */
export async function findOperatorId(tx: Tx): Promise<string | undefined> {
  const row = await tx.selectFrom('organizations').select('id').where('kind', '=', 'operator')
    .orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}

/** A condition on an organization's id, written by the context that asks (e.g. "has a relationship of mine"). */
export type OrganizationIdCondition = (id: Expression<string>) => Expression<SqlBool>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page of the organizations the transaction may see, by name then id, one more than `limit` to tell whether more follow. */
export async function listOrganizations(tx: Tx, filter: {
  kind?: OrganizationsTable['kind']; nameContains?: string; where?: OrganizationIdCondition; afterName?: [string, string]; limit: number;
}): Promise<OrganizationRow[]> {
  let q = tx.selectFrom('organizations').selectAll();
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.nameContains) q = q.where('name', 'ilike', `%${escapeLike(filter.nameContains)}%`);
  if (filter.where) q = q.where(filter.where(sql.ref<string>('organizations.id')));
  if (filter.afterName) {
    const [name, id] = filter.afterName;
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  return q.orderBy('name').orderBy('id').limit(filter.limit + 1).execute();
}

/** Records an organization; the insert policy admits the operator's, and partners' customers. */
export async function insertOrganization(tx: Tx, row: { id: string; kind: OrganizationsTable['kind']; name: string; partnerModel: OrganizationsTable['partner_model']; country: string; createdAt?: Date }) {
  await tx.insertInto('organizations').values({
    id: row.id, kind: row.kind, name: row.name, partner_model: row.partnerModel, country: row.country,
    ...(row.createdAt ? { created_at: row.createdAt } : {}),
  }).execute();
}

/** Sets an organization's standing; the update policy admits the operator (and the organization itself). */
export async function setGoodStanding(tx: Tx, orgId: string, inGoodStanding: boolean) {
  const r = await tx.updateTable('organizations').set({ in_good_standing: inGoodStanding }).where('id', '=', orgId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findUser(tx: Tx, viewer: Scope, userId: string): Promise<UserRow | undefined> {
  return tx.selectFrom('users').selectAll().where('id', '=', userId).where('org_id', '=', viewer.orgId).executeTakeFirst();
}

/** The users with this e-mail across organizations, oldest first (the owner's look-up for the command line). */
export async function findUsersByEmail(tx: Tx, email: string, orgId?: string): Promise<UserRow[]> {
  let q = tx.selectFrom('users').selectAll().where('email', '=', email);
  if (orgId !== undefined) q = q.where('org_id', '=', orgId);
  return q.orderBy('created_at').orderBy('id').limit(100).execute();
}

export async function listUsers(tx: Tx, viewer: Scope, page: { after?: [string, string]; limit: number }) {
  let q = tx.selectFrom('users').selectAll().where('org_id', '=', viewer.orgId);
  if (page.after) {
    const [email, id] = page.after;
    q = q.where((eb) => eb.or([eb('email', '>', email), eb.and([eb('email', '=', email), eb('id', '>', id)])]));
  }
  return q.orderBy('email').orderBy('id').limit(page.limit + 1).execute();
}

export async function insertUser(tx: Tx, viewer: Scope, row: { id: string; email: string; name: string; roles: string[]; passwordHash: string | null; locale: 'en' | 'ko' }) {
  await tx.insertInto('users').values({
    id: row.id, org_id: viewer.orgId, email: row.email, name: row.name, roles: row.roles,
    password_hash: row.passwordHash, locale: row.locale,
  }).execute();
}

export async function updateUser(tx: Tx, viewer: Scope, userId: string, patch: { name?: string; roles?: string[]; locale?: 'en' | 'ko'; disabledAt?: Date | null; passwordHash?: string }) {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.roles !== undefined) set.roles = patch.roles;
  if (patch.locale !== undefined) set.locale = patch.locale;
  if (patch.disabledAt !== undefined) set.disabled_at = patch.disabledAt;
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (Object.keys(set).length === 0) return;
  await tx.updateTable('users').set(set).where('id', '=', userId).where('org_id', '=', viewer.orgId).execute();
}

/** Forgets a user's expired sessions, so the table holds only live ones and the recent past. */
export async function deleteExpiredSessionsOfUser(tx: Tx, viewer: Scope, userId: string, now: Date) {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).where('org_id', '=', viewer.orgId).where('expires_at', '<=', now).execute();
}

/** Ends every session of a user (after a password reset or when disabled). */
export async function deleteSessionsOfUser(tx: Tx, viewer: Scope, userId: string) {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).where('org_id', '=', viewer.orgId).execute();
}

/** Revokes every live token a user made (after a password reset, or when the user is disabled). */
export async function revokeTokensOfUser(tx: Tx, viewer: Scope, userId: string, now: Date) {
  await tx.updateTable('api_tokens').set({ revoked_at: now })
    .where('created_by', '=', userId).where('org_id', '=', viewer.orgId).where('revoked_at', 'is', null).execute();
}

export async function insertToken(tx: Tx, viewer: Scope & { userId: string }, row: { id: string; name: string; tokenHash: string; prefix: string; roles: string[]; expiresAt: Date }) {
  await tx.insertInto('api_tokens').values({
    id: row.id, org_id: viewer.orgId, created_by: viewer.userId, name: row.name, token_hash: row.tokenHash,
    prefix: row.prefix, roles: row.roles, expires_at: row.expiresAt,
  }).execute();
}

const TOKEN_COLUMNS = [
  't.id', 't.name', 't.prefix', 't.roles', 't.created_by', 't.created_at', 't.expires_at', 't.last_used_at', 't.revoked_at',
  'u.roles as creator_roles',
] as const;

/**
 * The organization's tokens, newest first, with their creators' roles; only those whose creator
 * holds no role outside `creatorRolesWithin` (the roles the viewer holds) when it is given.
 */
export async function listTokens(tx: Tx, viewer: Scope, page: { after?: [string, string]; limit: number; creatorRolesWithin?: readonly string[] }) {
  let q = tx.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.created_by')
    .select(TOKEN_COLUMNS)
    .where('t.org_id', '=', viewer.orgId);
  if (page.creatorRolesWithin) q = q.where(sql<boolean>`u.roles <@ ${sql.val([...page.creatorRolesWithin])}::text[]`);
  if (page.after) {
    const [createdAt, id] = page.after;
    q = q.where((eb) => eb.or([eb('t.created_at', '<', new Date(createdAt)), eb.and([eb('t.created_at', '=', new Date(createdAt)), eb('t.id', '<', id)])]));
  }
  return q.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(page.limit + 1).execute();
}

/** One token of the organization, with its creator's roles. */
export async function findToken(tx: Tx, viewer: Scope, tokenId: string) {
  return tx.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.created_by')
    .select(TOKEN_COLUMNS)
    .where('t.id', '=', tokenId).where('t.org_id', '=', viewer.orgId).executeTakeFirst();
}

export async function revokeToken(tx: Tx, viewer: Scope, tokenId: string, now: Date) {
  await tx.updateTable('api_tokens').set({ revoked_at: now })
    .where('id', '=', tokenId).where('org_id', '=', viewer.orgId).where('revoked_at', 'is', null).execute();
}
