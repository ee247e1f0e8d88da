/**
 * The embedded data directory's lock: a start after its owner was killed takes the directory at
 * once (no waiting out the 15 s staleness), while a live owner — or a fresh lock of another host —
 * still keeps a second process out.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DatabaseLockedError, openDatabase } from '../../src/db/database.ts';
import { currentOwner, DataDirLockedError, lockDataDir, lockPaths, type LockOwner } from '../../src/db/data-dir-lock.ts';

const root = mkdtempSync(path.join(tmpdir(), 'switchboard-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));
const databaseModule = fileURLToPath(new URL('../../src/db/database.ts', import.meta.url));
const LOCK = { stale: 15_000, update: 5_000, onCompromised: () => {} };

/** A child process that opens the database on `dataDir` and stays until killed. */
async function childHoldingDatabase(dataDir: string) {
  const script = `import { openDatabase } from ${JSON.stringify(databaseModule)};
    await openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} });
    process.stdout.write('open\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('open')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the child ended (${code}) before opening the database`)));
  });
  return { child, exited };
}

/** A process id that ran and is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid);
  return child.pid;
}

/** A data directory whose lock was made just now (fresh mtime) by the owner given. */
function heldDirectory(owner: LockOwner | null, lockAgeMs = 0): string {
  const dir = mkdtempSync(path.join(root, 'held-'));
  const paths = lockPaths(dir);
  mkdirSync(paths.lock);
  if (lockAgeMs > 0) {
    const then = new Date(Date.now() - lockAgeMs);
    utimesSync(paths.lock, then, then);
  }
  if (owner) writeFileSync(paths.owner, JSON.stringify(owner));
  return dir;
}

describe('embedded data directory lock', () => {
  it('refuses a live owner, and takes the directory at once after its owner is killed (SIGKILL)', async () => {
    const dataDir = path.join(root, 'data');
    const { child, exited } = await childHoldingDatabase(dataDir);
    try {
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir }), DatabaseLockedError);
    } finally {
      child.kill('SIGKILL');
    }
    assert.equal(await exited, 'SIGKILL');
    // The killed owner's lock is still there; made fresh, as a just-killed owner's is (on a loaded
    // machine the child may have touched it last more than 15 s ago): proper-lockfile alone would
    // refuse it until 15 s have passed without a touch.
    assert.ok(existsSync(lockPaths(dataDir).lock), 'the killed owner left its lock');
    const now = new Date();
    utimesSync(lockPaths(dataDir).lock, now, now);
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      assert.equal(await db.ping(), true);
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir }), DatabaseLockedError);
    } finally {
      await db.close();
    }
    assert.equal(existsSync(lockPaths(dataDir).lock), false);
  });

  it('takes over a lock whose owner process has ended', async () => {
    const dir = heldDirectory({ ...currentOwner(), pid: await deadPid(), startTicks: null });
    const release = await lockDataDir(dir, LOCK);
    await release();
  });

  it('takes over a lock whose process id now names a process started at another time (PID reuse)', { skip: currentOwner().startTicks === null ? 'no /proc here' : false }, async () => {
    const dir = heldDirectory({ ...currentOwner(), startTicks: '1' });
    const release = await lockDataDir(dir, LOCK);
    await release();
  });

  it('takes over a lock written before the machine last booted', { skip: currentOwner().bootId === null ? 'no boot id here' : false }, async () => {
    const dir = heldDirectory({ ...currentOwner(), bootId: '00000000-0000-0000-0000-000000000000' });
    const release = await lockDataDir(dir, LOCK);
    await release();
  });

  it('refuses a stale lock whose owner is alive on this host (a starved owner touches it late, and still uses it)', { skip: currentOwner().startTicks === null ? 'no /proc here' : false }, async () => {
    const dir = heldDirectory(currentOwner(), 60_000);
    await assert.rejects(lockDataDir(dir, LOCK), DataDirLockedError);
  });

  it('refuses a lock held by this very process (alive, same start time)', async () => {
    const dir = heldDirectory(currentOwner());
    await assert.rejects(lockDataDir(dir, LOCK), DataDirLockedError);
  });

  it('refuses a fresh lock of another host or another PID namespace, whose processes it can\'t ask', async () => {
    const gone = await deadPid();
    for (const owner of [{ ...currentOwner(), host: 'another-host', pid: gone }, { ...currentOwner(), pidNamespace: 'pid:[1]', pid: gone }]) {
      await assert.rejects(lockDataDir(heldDirectory(owner), LOCK), DataDirLockedError, owner.host);
    }
  });

  it('refuses a fresh lock without an owner record', async () => {
    await assert.rejects(lockDataDir(heldDirectory(null), LOCK), DataDirLockedError);
  });

  it('still takes over a stale lock of another host (no touch for the stale time)', async () => {
    const dir = heldDirectory({ ...currentOwner(), host: 'another-host' }, 60_000);
    const release = await lockDataDir(dir, LOCK);
    await release();
  });

  it('lets exactly one of several simultaneous starts take over a dead owner\'s lock', async () => {
    const dir = heldDirectory({ ...currentOwner(), pid: await deadPid(), startTicks: null });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => lockDataDir(dir, LOCK)));
    const taken = results.filter((r) => r.status === 'fulfilled');
    assert.equal(taken.length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof DataDirLockedError, String(r.reason));
    await (taken[0] as PromiseFulfilledResult<() => Promise<void>>).value();
  });
});
