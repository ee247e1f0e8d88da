/**
 * Factories for case tests: real organizations across a channel — an operator, a publisher with
 * a sellable offer, a direct partner or an indirect provider and reseller, a customer with an
 * active subscription — made through the catalog and channel factories, plus helpers to open and
 * work cases and to upload files as multipart/form-data.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Role } from '../src/core/parties.ts';
import { makeRelationship } from './channel-factories.ts';
import {
  buy, makeCustomerOf, makePartner, makePublisher, makeSellableOffer, optIn, purchaseBody, type OrgActor,
} from './catalog-factories.ts';
import { call, makeActor, makeUser, type Actor, type TestOrg } from './factories.ts';
import type { TestContext } from './harness.ts';

const operators = new WeakMap<TestContext, Promise<OrgActor>>();

/**
 * The marketplace operator of the test file's database, made before any other operator: routing
 * takes the first operator organization as the operator, so every case of the file escalates to it.
 */
export function theOperator(ctx: TestContext): Promise<OrgActor> {
  let made = operators.get(ctx);
  if (!made) {
    made = makeActor(ctx, 'operator', ['operator_admin']);
    operators.set(ctx, made);
  }
  return made;
}

/** Sets a partner's default preference for technical cases through the API. */
export async function setDefaultPreference(ctx: TestContext, partner: Actor, preference: 'forward' | 'tier1' | 'direct') {
  const res = await call(ctx, partner, 'PUT', '/api/v1/routing/preferences/default', { preference });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** Activates a subscription as its publisher (billing starts; the subscription is live). */
async function activate(ctx: TestContext, publisher: Actor, subscriptionId: string) {
  const res = await call(ctx, publisher, 'POST', `/api/v1/subscriptions/${subscriptionId}/activate`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** A direct channel: operator, publisher (admin and support engineer), direct partner, customer with an active subscription. */
export async function makeDirectWorld(ctx: TestContext, opts: { preference?: 'forward' | 'tier1' | 'direct' } = {}) {
  const operator = await theOperator(ctx);
  const publisher = await makePublisher(ctx);
  const sale = await makeSellableOffer(ctx, { publisher });
  const engineer = await makeUser(ctx, publisher.org, ['support_engineer']);
  const partner = await makePartner(ctx, 'direct');
  await optIn(ctx, partner, sale.offerId);
  const customerOrg = await makeCustomerOf(ctx, partner.orgId);
  const bought = await buy(ctx, partner, purchaseBody(sale.offerId, customerOrg.id));
  assert.equal(bought.status, 201, JSON.stringify(bought.body));
  await activate(ctx, publisher, bought.body.id);
  if (opts.preference) await setDefaultPreference(ctx, partner, opts.preference);
  const customer = await makeUser(ctx, customerOrg, ['customer_user']);
  const helpdesk = await makeUser(ctx, partner.org, ['helpdesk_agent']);
  return {
    operator, publisher, engineer, partner, helpdesk, customer, customerOrg,
    offerId: sale.offerId, subscriptionId: bought.body.id as string,
  };
}

/** An indirect channel: operator, publisher, provider and reseller (active, default split), the reseller's customer with an active subscription. */
export async function makeIndirectWorld(ctx: TestContext, opts: { preference?: 'forward' | 'tier1' | 'direct' } = {}) {
  const operator = await theOperator(ctx);
  const publisher = await makePublisher(ctx);
  const sale = await makeSellableOffer(ctx, { publisher });
  const provider = await makePartner(ctx, 'indirect_provider');
  const reseller = await makePartner(ctx, 'indirect_reseller');
  await makeRelationship(ctx, provider, reseller);
  await optIn(ctx, reseller, sale.offerId);
  const customerOrg = await makeCustomerOf(ctx, reseller.orgId);
  const bought = await buy(ctx, reseller, purchaseBody(sale.offerId, customerOrg.id, { providerId: provider.orgId }));
  assert.equal(bought.status, 201, JSON.stringify(bought.body));
  await activate(ctx, publisher, bought.body.id);
  if (opts.preference) await setDefaultPreference(ctx, reseller, opts.preference);
  const customer = await makeUser(ctx, customerOrg, ['customer_admin']);
  return { operator, publisher, provider, reseller, customer, customerOrg, offerId: sale.offerId, subscriptionId: bought.body.id as string };
}

/** A user of an organization with the roles given. */
export function userOf(ctx: TestContext, org: TestOrg, roles: Role[]): Promise<Actor> {
  return makeUser(ctx, org, roles);
}

/** A body for POST /cases. */
export function caseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Backups fail at night',
    description: 'Every nightly backup since Monday ends with error E42.',
    category: 'technical_howto',
    severity: 'moderate',
    ...overrides,
  };
}

/** Opens a case through the API. */
export function postCase(ctx: TestContext, actor: Actor, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(ctx, actor, 'POST', '/api/v1/cases', body, headers);
}

/** Opens a case through the API and asserts it opened. */
export async function openCase(ctx: TestContext, actor: Actor, body: Record<string, unknown>) {
  const res = await postCase(ctx, actor, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as CaseBody;
}

/** The fields of a case the tests read. */
export interface CaseBody {
  id: string;
  status: string;
  category: string;
  version: number;
  holder: { id: string; name: string | null };
  responsible: { id: string; kind: string | null };
  assignee: { userId: string; name: string | null } | null;
  participants: { id: string; name: string | null; role: string }[];
  routing: { firstHolderId: string | null; escalationPath: string[]; rules: { code: string; en: string; ko: string }[] };
  externalReference: string | null;
  yourRelations: string[];
  [k: string]: unknown;
}

/** Takes an action on a case: POST /cases/:caseId/<path> (or PUT for the external reference). */
export function caseAction(ctx: TestContext, actor: Actor, caseId: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const method = path === 'external-reference' ? 'PUT' : 'POST';
  return call(ctx, actor, method, `/api/v1/cases/${caseId}/${path}`, body, headers);
}

/** Takes an action and asserts it succeeded; answers the case after it. */
export async function act(ctx: TestContext, actor: Actor, caseId: string, path: string, body?: unknown): Promise<CaseBody> {
  const res = await caseAction(ctx, actor, caseId, path, body);
  assert.ok(res.status === 200 || res.status === 201, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.status === 201 ? res.body.case : res.body) as CaseBody;
}

/** Posts a reply or note and answers the message id. */
export async function postMessage(ctx: TestContext, actor: Actor, caseId: string, kind: 'replies' | 'notes', body: Record<string, unknown>): Promise<string> {
  const res = await caseAction(ctx, actor, caseId, kind, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.message.id as string;
}

/** A multipart/form-data body with the parts given, as a client would send it. */
export function multipart(parts: { name: string; fileName?: string; contentType?: string; content: Buffer | string }[]) {
  const boundary = `----sbtest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads one file to a message. */
export async function upload(ctx: TestContext, actor: Actor | null, caseId: string, messageId: string, file: { fileName: string; contentType: string; content: Buffer | string }, headers: Record<string, string> = {}) {
  const { payload, contentType } = multipart([{ name: 'file', ...file }]);
  return injectRaw(ctx, actor, 'POST', `/api/v1/cases/${caseId}/messages/${messageId}/attachments`, payload, { 'content-type': contentType, ...headers });
}

/** Sends a raw body and answers status, headers, parsed JSON (when JSON) and the raw bytes. */
export async function injectRaw(ctx: TestContext, actor: Actor | null, method: 'GET' | 'POST', url: string, payload?: Buffer, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method, url, headers: { ...(actor ? actor.headers : {}), ...headers }, ...(payload ? { payload } : {}) });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, headers: res.headers, body: type.includes('json') && res.body ? JSON.parse(res.body) : undefined, raw: res.rawPayload };
}

/** Signatures of the binary types a test uploads. */
export const FILES = {
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]),
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64)]),
  text: Buffer.from('log line 1\nlog line 2\n'),
};

/** Everything a viewer can read of a case, as one string: the case, its messages and its events. */
export async function everythingSeenBy(ctx: TestContext, actor: Actor, caseId: string): Promise<{ status: number[]; text: string }> {
  const responses = [
    await call(ctx, actor, 'GET', `/api/v1/cases/${caseId}`),
    await call(ctx, actor, 'GET', `/api/v1/cases/${caseId}/messages?limit=100`),
    await call(ctx, actor, 'GET', `/api/v1/cases/${caseId}/events?limit=100`),
  ];
  return { status: responses.map((r) => r.status), text: responses.map((r) => r.raw).join('\n') };
}
