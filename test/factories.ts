/**
 * Factories for tests: organizations and users made as the owner (quick), each user with an API
 * token so requests go through the real authentication path.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OrgKind, PartnerModel, Role } from '../src/core/parties.ts';
import { newId } from '../src/db/ids.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import type { TestContext } from './harness.ts';

/** The password of every factory user. */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

/** An organization made for a test. */
export interface TestOrg {
  id: string;
  kind: OrgKind;
  name: string;
}

/** A user with a bearer token, ready to call the API. */
export interface Actor {
  orgId: string;
  userId: string;
  email: string;
  roles: Role[];
  token: string;
  headers: { authorization: string };
}

function uniq(): string {
  return randomBytes(4).toString('hex');
}

/** Makes an organization. */
export async function makeOrg(ctx: TestContext, kind: OrgKind, opts: { model?: PartnerModel; name?: string; country?: string } = {}): Promise<TestOrg> {
  const id = newId('organization');
  const name = opts.name ?? `${kind} ${uniq()}`;
  const model = kind === 'partner' ? (opts.model ?? 'direct') : null;
  await ctx.db.withOwner((tx) => tx.insertInto('organizations').values({ id, kind, name, partner_model: model, country: opts.country ?? 'US' }).execute());
  return { id, kind, name };
}

/** Makes a user in an organization, with an API token carrying all its roles. */
export async function makeUser(ctx: TestContext, org: TestOrg, roles: Role[], opts: { email?: string; locale?: 'en' | 'ko' } = {}): Promise<Actor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const userId = newId('user');
  const email = opts.email ?? `${roles[0]}-${uniq()}@example.test`;
  const token = `sbt_${randomBytes(32).toString('base64url')}`;
  const hash = await passwordHash;
  await ctx.db.withOwner(async (tx) => {
    await tx.insertInto('users').values({ id: userId, org_id: org.id, email, name: `User ${email}`, roles, password_hash: hash, locale: opts.locale ?? 'en' }).execute();
    await tx.insertInto('api_tokens').values({
      id: newId('apiToken'), org_id: org.id, created_by: userId, name: 'test', roles,
      token_hash: createHash('sha256').update(token).digest('hex'), prefix: token.slice(0, 10),
    }).execute();
  });
  return { orgId: org.id, userId, email, roles, token, headers: { authorization: `Bearer ${token}` } };
}

/** Makes an organization and one user in it. */
export async function makeActor(ctx: TestContext, kind: OrgKind, roles: Role[], opts: { model?: PartnerModel; country?: string } = {}): Promise<Actor & { org: TestOrg }> {
  const org = await makeOrg(ctx, kind, opts);
  const actor = await makeUser(ctx, org, roles);
  return { ...actor, org };
}

/** Calls the API as an actor (or anonymously) and returns status, headers and parsed body. */
export async function call(ctx: TestContext, actor: Actor | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({
    method, url,
    headers: { ...(actor ? actor.headers : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  const json = type.includes('json') && res.body ? JSON.parse(res.body) : undefined;
  return { status: res.statusCode, headers: res.headers, body: json, raw: res.body };
}
