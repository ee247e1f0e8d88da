/**
 * The lock that keeps one process per embedded data directory (ADR 0004), which a start after a
 * crash takes over at once when the process that held it is gone.
 *
 * Terminology:
 * - lock: the directory `DATA_DIR/.switchboard.lock`, made atomically by proper-lockfile and kept
 *   fresh (its mtime touched every 5 s) while its owner lives.
 * - owner record: `DATA_DIR/.switchboard.lock-owner`, who made the lock — process id, host name,
 *   PID namespace, boot id and the process's start time — written right after the lock is made.
 * - gate: the owner record's own short proper-lockfile lock. Making or taking over the lock and
 *   writing the owner record happen inside it, so two starting processes never both judge the
 *   same owner dead and each take the lock.
 * - dead owner: an owner record from this host and PID namespace whose process no longer runs
 *   (`kill(pid, 0)` answers ESRCH), whose PID now belongs to a process started at another time
 *   (PID reuse), or that was written before the machine last booted.
 * - stale lock: a lock not touched for `stale` ms; the only way out for an owner on another host,
 *   whose processes can't be asked.
 */
import { existsSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** Who holds the lock, as written in the owner record. */
export interface LockOwner {
  pid: number;
  host: string;
  /** `/proc/self/ns/pid` (e.g. `pid:[4026531836]`): the same PID names another process in another container. */
  pidNamespace: string | null;
  /** `/proc/sys/kernel/random/boot_id`: a record from an earlier boot names no running process. */
  bootId: string | null;
  /** Field 22 of `/proc/<pid>/stat` (clock ticks after boot): tells a reused PID from the owner. */
  startTicks: string | null;
}

/** Raised (as `code: 'ELOCKED'`) when a live process, or a fresh lock of another host, holds the directory. */
export class DataDirLockedError extends Error {
  readonly code = 'ELOCKED';
  constructor(readonly owner: LockOwner | null) {
    super('The data directory is locked by another process.');
    this.name = 'DataDirLockedError';
  }
}

function readOrNull(read: () => string): string | null {
  try {
    return read().trim();
  } catch {
    return null;
  }
}

/** When a process started, in clock ticks after boot, or null where /proc is not there (macOS) or the process is gone. */
function processStartTicks(pid: number): string | null {
  const stat = readOrNull(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

/** This process as an owner record. */
export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    host: os.hostname(),
    pidNamespace: readOrNull(() => readlinkSync('/proc/self/ns/pid')),
    bootId: readOrNull(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    startTicks: processStartTicks(process.pid),
  };
}

/** Whether a process id names a running process (one of another user answers EPERM: it runs). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Whether the owner is known to be gone: only an owner of this host and PID namespace can be asked.
 * Where /proc is missing, a PID reused by an unrelated process counts as alive — the start is then
 * refused until the lock goes stale, never let in beside a live owner.
 */
export function isOwnerDead(owner: LockOwner, here: LockOwner = currentOwner()): boolean {
  if (owner.host !== here.host || owner.pidNamespace !== here.pidNamespace) return false;
  if (owner.bootId !== null && here.bootId !== null && owner.bootId !== here.bootId) return true;
  if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0) return false;
  if (!isRunning(owner.pid)) return true;
  const started = processStartTicks(owner.pid);
  return owner.startTicks !== null && started !== null && started !== owner.startTicks;
}

/**
 * Whether the owner is known to be running now: a process of this host, PID namespace and boot,
 * alive, started when the record says. Such an owner keeps its directory even when its lock looks
 * stale — a starved process (a loaded machine) may touch its lock late, and is still using it.
 */
export function isOwnerAlive(owner: LockOwner, here: LockOwner = currentOwner()): boolean {
  if (owner.host !== here.host || owner.pidNamespace !== here.pidNamespace) return false;
  if (owner.bootId !== null && here.bootId !== null && owner.bootId !== here.bootId) return false;
  if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0 || !isRunning(owner.pid)) return false;
  const started = processStartTicks(owner.pid);
  return owner.startTicks !== null && started !== null && started === owner.startTicks;
}

function readOwner(file: string): LockOwner | null {
  const text = readOrNull(() => readFileSync(file, 'utf8'));
  if (text === null) return null;
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return null;
    return { pid: o.pid, host: o.host, pidNamespace: o.pidNamespace ?? null, bootId: o.bootId ?? null, startTicks: o.startTicks ?? null };
  } catch {
    return null;
  }
}

function writeOwner(file: string, owner: LockOwner): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(owner));
  renameSync(temporary, file);
}

/** Where the lock, the owner record and the gate live in a data directory. */
export function lockPaths(dir: string): { lock: string; owner: string; gate: string } {
  const owner = path.join(dir, '.switchboard.lock-owner');
  return { lock: path.join(dir, '.switchboard.lock'), owner, gate: `${owner}.lock` };
}

/**
 * Takes the data directory's lock and answers its release. A lock held by a dead owner of this
 * host is taken over at once; one held by a live process, or a fresh one of another host, raises
 * DataDirLockedError; a stale one (no touch for `stale` ms) is taken over by proper-lockfile,
 * unless its owner is known to be alive on this host.
 */
export async function lockDataDir(dir: string, options: { stale: number; update: number; onCompromised: (err: Error) => void }): Promise<() => Promise<void>> {
  const paths = lockPaths(dir);
  const lockOptions = { lockfilePath: paths.lock, stale: options.stale, update: options.update, realpath: false, onCompromised: options.onCompromised };
  // The gate is held for a few milliseconds; one left by a process killed inside it is stale
  // after 2 s (proper-lockfile's least), which the retries outwait.
  const ungate = await lockfile.lock(paths.owner, { realpath: false, stale: 2_000, update: 1_000, retries: { retries: 40, minTimeout: 25, maxTimeout: 100 } });
  try {
    let release: () => Promise<void>;
    // proper-lockfile takes over a lock untouched for `stale` ms; never from a live owner here.
    const holder = existsSync(paths.lock) ? readOwner(paths.owner) : null;
    if (holder !== null && isOwnerAlive(holder)) throw new DataDirLockedError(holder);
    try {
      release = await lockfile.lock(dir, lockOptions);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ELOCKED') throw err;
      const owner = readOwner(paths.owner);
      if (owner === null || !isOwnerDead(owner)) throw new DataDirLockedError(owner);
      rmSync(paths.lock, { recursive: true, force: true });
      release = await lockfile.lock(dir, lockOptions);
    }
    writeOwner(paths.owner, currentOwner());
    return release;
  } finally {
    await ungate();
  }
}
