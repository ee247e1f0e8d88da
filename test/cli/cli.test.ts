/**
 * The command line on an embedded database in a temporary directory: migrate, users, the lock
 * that keeps a second process out, and serve answering over real HTTP on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../src/cli/cli.ts';
import { loadConfig } from '../../src/config/config.ts';
import { DatabaseLockedError, openDatabase } from '../../src/db/database.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const env = (extra: Record<string, string> = {}) => () => loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', PORT: '0', DEMO_DATA: 'off', ...extra });

describe('switchboard command line', () => {
  it('prints usage for help and refuses an unknown command', async () => {
    const h = io();
    assert.equal(await runCli(['help'], env(), h.io), 0);
    assert.match(h.out.join('\n'), /Usage: switchboard/);
    const u = io();
    assert.equal(await runCli(['frobnicate'], env(), u.io), 2);
    assert.match(u.err.join('\n'), /Unknown command/);
  });

  it('reports every bad environment variable at once', async () => {
    const c = io();
    assert.equal(await runCli(['migrate'], () => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' }), c.io), 2);
    assert.match(c.err.join('\n'), /PORT/);
    assert.match(c.err.join('\n'), /LOG_LEVEL/);
  });

  it('migrates, then finds nothing left to do', async () => {
    const first = io();
    assert.equal(await runCli(['migrate'], env(), first.io), 0);
    assert.match(first.out.join('\n'), /Applied \d+ migration/);
    const second = io();
    assert.equal(await runCli(['migrate'], env(), second.io), 0);
    assert.match(second.out.join('\n'), /up to date/);
  });

  it('keeps a second process out of the embedded data directory', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
    try {
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') }), DatabaseLockedError);
      const c = io();
      assert.equal(await runCli(['migrate'], env(), c.io), 1);
      assert.match(c.err.join('\n'), /in use by another Switchboard process/);
    } finally {
      await db.close();
    }
  });

  it('creates a user who can then sign in over HTTP, and resets the password', async () => {
    const orgs = io();
    // An operator organization to put the user in, made through the operator-only CLI path.
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
    await db.withOwner((tx) => tx.insertInto('organizations').values({ id: 'org_cli_operator', kind: 'operator', name: 'CLI Operator', partner_model: null, country: 'US' }).execute());
    await db.close();
    assert.equal(await runCli(['orgs', 'list'], env(), orgs.io), 0);
    assert.match(orgs.out.join('\n'), /org_cli_operator\toperator/);

    const bad = io();
    assert.equal(await runCli(['users', 'create', '--org', 'org_cli_operator', '--email', 'x@example.test', '--name', 'X', '--roles', 'global_admin', '--password', 'long-enough-pass'], env(), bad.io), 1);
    assert.match(bad.err.join('\n'), /ROLE_NOT_OF_KIND/);

    const made = io();
    assert.equal(await runCli(['users', 'create', '--org', 'org_cli_operator', '--email', 'Ops@Example.test', '--name', 'Ops', '--roles', 'operator_admin'], env(), made.io), 0);
    const generated = /Password: (\S+)/.exec(made.out.join('\n'))?.[1];
    assert.ok(generated && generated.length >= 12);

    const weak = io();
    assert.equal(await runCli(['users', 'reset-password', '--email', 'ops@example.test', '--password', 'password1234'], env(), weak.io), 1);
    assert.match(weak.err.join('\n'), /PASSWORD_TOO_WEAK/);

    // The same e-mail in a second organization: a reset must name the organization.
    const db2 = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
    await db2.withOwner((tx) => tx.insertInto('organizations').values({ id: 'org_cli_second', kind: 'operator', name: 'CLI Second', partner_model: null, country: 'US' }).execute());
    await db2.close();
    assert.equal(await runCli(['users', 'create', '--org', 'org_cli_second', '--email', 'ops@example.test', '--name', 'Ops Two', '--roles', 'commerce_support'], env(), io().io), 0);
    const ambiguous = io();
    assert.equal(await runCli(['users', 'reset-password', '--email', 'ops@example.test', '--password', 'a-brand-new-password'], env(), ambiguous.io), 1);
    assert.match(ambiguous.err.join('\n'), /ORGANIZATION_CHOICE_REQUIRED.*--org/);

    const reset = io();
    assert.equal(await runCli(['users', 'reset-password', '--email', 'ops@example.test', '--org', 'org_cli_operator', '--password', 'a-brand-new-password'], env(), reset.io), 0);

    // Serve on an ephemeral port and sign in with the new password over real HTTP.
    const signals = new EventEmitter();
    const served = io();
    const running = runCli(['serve'], env(), served.io, signals);
    let address = '';
    for (let i = 0; i < 200 && !address; i++) {
      address = /listening on (http:\/\/\S+)/.exec(served.out.join('\n'))?.[1] ?? '';
      if (!address) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(address, `server started: ${served.err.join('\n')}`);
    try {
      const res = await fetch(`${address}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ops@example.test', password: 'a-brand-new-password' }) });
      assert.equal(res.status, 201);
      const body = await res.json() as { organization: { id: string } };
      assert.equal(body.organization.id, 'org_cli_operator');
      const health = await fetch(`${address}/api/health`);
      assert.equal(health.status, 200);
    } finally {
      signals.emit('SIGTERM');
      assert.equal(await running, 0);
    }
  });

  it('runs the worker alone until told to stop, and refuses options it does not know', async () => {
    const bad = io();
    assert.equal(await runCli(['worker', '--fast'], env(), bad.io), 2);
    assert.match(bad.err.join('\n'), /Unknown option for worker/);
    const badServe = io();
    assert.equal(await runCli(['serve', '--no-wroker'], env(), badServe.io), 2);
    assert.match(badServe.err.join('\n'), /Unknown option for serve/);

    const signals = new EventEmitter();
    const c = io();
    const running = runCli(['worker'], env(), c.io, signals);
    for (let i = 0; i < 200 && !/worker is running/.test(c.out.join('\n')); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(c.out.join('\n'), /worker is running/, c.err.join('\n'));
    assert.match(c.out.join('\n'), /e-mail off: SMTP_URL is not set/);
    signals.emit('SIGTERM');
    assert.equal(await running, 0);
    assert.match(c.out.join('\n'), /Stopping the worker/);
  });

  it('serves without the worker when told so', async () => {
    const signals = new EventEmitter();
    const c = io();
    const running = runCli(['serve', '--no-worker'], env(), c.io, signals);
    for (let i = 0; i < 200 && !/job worker is off/.test(c.out.join('\n')); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(c.out.join('\n'), /job worker is off here/, c.err.join('\n'));
    signals.emit('SIGTERM');
    assert.equal(await running, 0);
  });
});
