/**
 * `switchboard route`: explains a would-be case as the user named by e-mail. The world is made
 * through the in-process application on the command line's own database — an embedded one in a
 * temporary directory, or a fresh database on TEST_DATABASE_URL's server — which is then closed
 * so the command line can open it as a separate run would.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runCli } from '../../src/cli/cli.ts';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase, type DatabaseTarget } from '../../src/db/database.ts';
import { createHttpApplication } from '../../src/main/application.ts';
import { createWorker } from '../../src/main/worker.ts';
import { testWorkerSettings } from '../harness.ts';
import { call, makeUser, type Actor } from '../factories.ts';
import { makeRoutingWorld, type RoutingWorld } from '../routing-factories.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-route-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const dbName = `sb_test_route_${process.pid}_${randomBytes(4).toString('hex')}`;
const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() : null;

async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

const env = () => loadConfig({
  LOG_LEVEL: 'silent', DEMO_DATA: 'off',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: path.join(dir, 'data') }),
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('switchboard route', () => {
  let w: RoutingWorld;
  /** A user of the direct partner whose only role (user_admin) does not read cases. */
  let userAdmin: Actor;

  before(async () => {
    if (serverUrl) await onServer(`CREATE DATABASE ${dbName}`);
    const target: DatabaseTarget = databaseUrl ? { kind: 'postgres', url: databaseUrl, poolSize: 2 } : { kind: 'pglite', dataDir: path.join(dir, 'data') };
    const db = await openDatabase(target);
    try {
      await db.migrate();
      const jobs = createWorker(db, testWorkerSettings());
      const { app, services } = await createHttpApplication(db, { sessionTtlHours: 1, cookieSecure: false, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' }, jobs);
      await app.ready();
      const ctx = { db, app, services, jobs, worker: () => jobs };
      w = await makeRoutingWorld(ctx);
      userAdmin = await makeUser(ctx, w.direct.org, ['user_admin']);
      assert.equal((await call(ctx, w.direct, 'PUT', `/api/v1/routing/preferences/offers/${w.offerId}`, { preference: 'tier1' })).status, 200);
      await app.close();
    } finally {
      await db.close();
    }
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (serverUrl) await onServer(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('is listed in the usage', async () => {
    const h = io();
    assert.equal(await runCli(['help'], env, h.io), 0);
    assert.match(h.out.join('\n'), /route --as EMAIL --category C --severity S/);
  });

  it('prints the decision and its rules in English, acting as the customer', async () => {
    const c = io();
    const code = await runCli(['route', '--as', w.directCustomer.email, '--category', 'technical_howto', '--severity', 'critical', '--subscription', w.directSubscriptionId], env, c.io);
    assert.equal(code, 0, c.err.join('\n'));
    const text = c.out.join('\n');
    assert.match(text, /Routable: yes/);
    assert.match(text, new RegExp(`First holder: ${w.direct.org.name} \\(partner, ${w.direct.orgId}\\)`));
    assert.match(text, /Preference: tier1 \(offer\)/);
    assert.match(text, /\[PREFERENCE_TIER1_PARTNER_ANSWERS\] With `tier1`, the partner answers how-to questions first/);
  });

  it('prints the rules in Korean with --lang ko', async () => {
    const c = io();
    assert.equal(await runCli(['route', '--as', w.directCustomer.email, '--category', 'billing', '--severity', 'minimal', '--subscription', w.directSubscriptionId, '--lang', 'ko'], env, c.io), 0);
    const text = c.out.join('\n');
    assert.match(text, /라우팅 가능: 예/);
    assert.match(text, /\[RESPONSIBLE_PARTNER\] 청구 질문은 파트너 담당입니다/);
  });

  it('exits 1 and prints the reason when the case can\'t be routed', async () => {
    const c = io();
    assert.equal(await runCli(['route', '--as', w.publisher.email, '--category', 'technical_breakfix', '--severity', 'moderate', '--offer', w.offerId], env, c.io), 1);
    assert.match(c.out.join('\n'), /Reason: CATEGORY_NOT_ALLOWED_FOR_ASKER/);
  });

  it('acts as the user: another customer\'s subscription is not found, as over the API', async () => {
    const c = io();
    assert.equal(await runCli(['route', '--as', w.strangerCustomer.email, '--category', 'billing', '--severity', 'moderate', '--subscription', w.directSubscriptionId], env, c.io), 1);
    assert.match(c.err.join('\n'), /^SUBSCRIPTION_NOT_FOUND: /);
    assert.doesNotMatch(c.out.join('\n'), /Routable/);
  });

  it('checks the user\'s permission as the API does (decisions.http.test.ts): a role that does not read cases is refused', async () => {
    const c = io();
    assert.equal(await runCli(['route', '--as', userAdmin.email, '--category', 'billing', '--severity', 'moderate', '--subscription', w.directSubscriptionId], env, c.io), 1);
    assert.match(c.err.join('\n'), /^PERMISSION_DENIED: /);
    assert.doesNotMatch(c.out.join('\n'), /Routable/);
  });

  it('refuses an unknown user, category or severity, and missing options', async () => {
    const unknown = io();
    assert.equal(await runCli(['route', '--as', 'nobody@example.test', '--category', 'billing', '--severity', 'minimal', '--offer', w.offerId], env, unknown.io), 1);
    assert.match(unknown.err.join('\n'), /USER_NOT_FOUND/);
    const category = io();
    assert.equal(await runCli(['route', '--as', w.direct.email, '--category', 'refunds', '--severity', 'minimal'], env, category.io), 2);
    assert.match(category.err.join('\n'), /Unknown category refunds/);
    const severity = io();
    assert.equal(await runCli(['route', '--as', w.direct.email, '--category', 'billing', '--severity', 'urgent'], env, severity.io), 2);
    assert.match(severity.err.join('\n'), /severity/);
    const missing = io();
    assert.equal(await runCli(['route', '--category', 'billing'], env, missing.io), 2);
    assert.match(missing.err.join('\n'), /needs --as, --category and --severity/);
  });
});
