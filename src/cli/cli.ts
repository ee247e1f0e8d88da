/**
 * The `switchboard` command line: serve, migrate, demo, users, orgs. Each command calls module
 * services or the database's own operations — never SQL.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isAppError } from '../core/app-error.ts';
import { SEVERITIES, type Severity } from '../core/routing-types.ts';
import { isSupportCategory } from '../core/support-categories.ts';
import { ConfigError, type Config } from '../config/config.ts';
import { DatabaseLockedError, openDatabase, type Database } from '../db/database.ts';
import { createHttpApplication } from '../main/application.ts';
import { createWorker, type WorkerSettings } from '../main/worker.ts';
import { demoSignIns, loadDemoData, type DemoSignIn } from '../demo/index.ts';
import { createUserAsOwner, findViewerByEmailAsOwner, listOrganizationsAsOwner, resetPasswordAsOwner } from '../modules/identity/index.ts';
import { createRoutingService, type PresentedDecision, type RoutingInput } from '../modules/routing/index.ts';

/** Where the command line writes; tests pass their own. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: switchboard <command> [options]

Commands:
  serve [--no-worker]       Start the HTTP server (migrates and loads demo data on a new embedded database);
                            it runs the job worker in the same process unless --no-worker or RUN_WORKER=false
  worker                    Run the job worker alone: relay events, fan them out, send e-mail and webhooks
                            (several workers may share one PostgreSQL)
  migrate                   Apply pending database migrations
  demo                      Load the demo data into an empty database
  orgs list                 List organizations with their ids
  users create --org ID --email E --name N --roles r1,r2 [--password P]
                            Create a user (prints a generated password when none is given; a chosen one must
                            be hard to guess and not contain the e-mail or name)
  users reset-password --email E [--org ID] [--password P]
                            Set a user's password, end their sessions and revoke their API tokens
                            (--org when the e-mail is a user of several organizations)
  route --as EMAIL --category C --severity S [--org ID] [--subscription ID] [--offer ID] [--customer ID] [--lang en|ko]
                            Explain how a case would be routed, acting as that user with their permissions, as the API
                            would (exits 1 when unroutable, refused, or naming what the user can't see)
  help                      Show this text

Environment: PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_POOL_SIZE, LOG_LEVEL, SESSION_TTL_HOURS, TOKEN_TTL_DAYS,
COOKIE_SECURE, DEMO_DATA (auto|on|off), DEMO_PASSWORD, RUN_WORKER, PUBLIC_URL, SMTP_URL, MAIL_FROM,
WEBHOOK_TIMEOUT_SECONDS, WEBHOOK_ALLOW_PRIVATE_ADDRESSES, SLA_WARNING_SHARE, SLA_SCAN_INTERVAL_MINUTES. See README.md.`;

/** Runs one command; resolves to the process exit code (serve resolves when the server stops). */
export async function runCli(argv: string[], loadConfig: () => Config, io: Output, signals: NodeJS.EventEmitter = process): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
  const withDb = async (fn: (db: Database) => Promise<number>): Promise<number> => {
    let db: Database;
    try {
      db = await openDatabase(config.database, { onError: (e) => io.err(`database: ${e.message}`) });
    } catch (e) {
      if (e instanceof DatabaseLockedError) {
        io.err(e.message);
        return 1;
      }
      io.err(`Could not open the database: ${(e as Error).message}`);
      return 1;
    }
    try {
      return await fn(db);
    } catch (e) {
      if (isAppError(e)) {
        io.err(`${e.code}: ${e.message}`);
        return 1;
      }
      throw e;
    } finally {
      await db.close();
    }
  };

  switch (command) {
    case 'serve': {
      const flags = [sub, ...rest].filter((a): a is string => a !== undefined);
      const unknown = flags.filter((a) => a !== '--no-worker');
      if (unknown.length > 0) {
        io.err(`Unknown option for serve: ${unknown.join(' ')}`);
        return 2;
      }
      return withDb((db) => serve(db, { ...config, runWorker: config.runWorker && !flags.includes('--no-worker') }, io, signals));
    }
    case 'worker':
      if (sub !== undefined) {
        io.err(`Unknown option for worker: ${[sub, ...rest].join(' ')}`);
        return 2;
      }
      return withDb((db) => work(db, config, io, signals));
    case 'migrate':
      return withDb(async (db) => {
        const applied = await db.migrate();
        io.out(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}` : 'The database is up to date.');
        return 0;
      });
    case 'demo':
      return withDb(async (db) => {
        if (!(await ensureMigrated(db, config, io))) return 1;
        const result = await loadDemoData(db, { password: config.demoPassword, slaWarningShare: config.sla.warningShare });
        if (!result.loaded) {
          io.err('The database already holds data; demo data is only loaded into an empty database.');
          return 1;
        }
        printSignIns(io, result.signIns, config.demoPassword);
        return 0;
      });
    case 'orgs':
      if (sub !== 'list') break;
      return withDb(async (db) => {
        for (const o of await listOrganizationsAsOwner(db)) io.out(`${o.id}\t${o.kind}${o.partner_model ? `/${o.partner_model}` : ''}\t${o.country}\t${o.name}`);
        return 0;
      });
    case 'users': {
      const { values } = parseArgs({
        args: rest, strict: true,
        options: { org: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, password: { type: 'string' }, locale: { type: 'string' } },
      });
      const password = values.password ?? randomBytes(12).toString('base64url');
      if (password.length < 12) {
        io.err('The password must have at least 12 characters.');
        return 2;
      }
      if (sub === 'create') {
        if (!values.org || !values.email || !values.name || !values.roles) {
          io.err('users create needs --org, --email, --name and --roles.');
          return 2;
        }
        const { org, email, name, roles, locale } = values;
        return withDb(async (db) => {
          const user = await createUserAsOwner(db, { orgId: org, email, name, roles: roles.split(',').map((r) => r.trim()).filter(Boolean), password, locale: locale === 'ko' ? 'ko' : 'en' });
          io.out(`Created ${user.email} (${user.id}) in ${user.orgId}.${values.password ? '' : `\nPassword: ${password}`}`);
          return 0;
        });
      }
      if (sub === 'reset-password') {
        if (!values.email) {
          io.err('users reset-password needs --email.');
          return 2;
        }
        const email = values.email;
        return withDb(async (db) => {
          const user = await resetPasswordAsOwner(db, email, password, values.org);
          io.out(`Reset the password of ${user.email} in ${user.orgId}; their sessions ended and their tokens were revoked.${values.password ? '' : `\nPassword: ${password}`}`);
          return 0;
        });
      }
      break;
    }
    case 'route':
      return route(argv.slice(1), io, withDb, config);
    default:
      break;
  }
  io.err(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

/**
 * `route`: explains a would-be case as the user named by e-mail, through the routing service as
 * the API does — the user's permissions checked (`cases.read`), what they can't see answered as not
 * found — in a tenant transaction of theirs.
 */
async function route(args: string[], io: Output, withDb: (fn: (db: Database) => Promise<number>) => Promise<number>, config: Config): Promise<number> {
  const { values } = parseArgs({
    args, strict: true,
    options: {
      as: { type: 'string' }, org: { type: 'string' }, category: { type: 'string' }, severity: { type: 'string' }, subscription: { type: 'string' },
      offer: { type: 'string' }, customer: { type: 'string' }, lang: { type: 'string' },
    },
  });
  const { as: email, category, severity, lang = 'en' } = values;
  if (!email || !category || !severity) {
    io.err('route needs --as, --category and --severity.');
    return 2;
  }
  if (!isSupportCategory(category)) {
    io.err(`Unknown category ${category}.`);
    return 2;
  }
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    io.err(`The severity is one of ${SEVERITIES.join(', ')}.`);
    return 2;
  }
  if (lang !== 'en' && lang !== 'ko') {
    io.err('--lang is en or ko.');
    return 2;
  }
  const input: RoutingInput = {
    category, severity: severity as Severity,
    ...(values.subscription !== undefined ? { subscriptionId: values.subscription } : {}),
    ...(values.offer !== undefined ? { offerId: values.offer } : {}),
    ...(values.customer !== undefined ? { customerId: values.customer } : {}),
  };
  return withDb(async (db) => {
    if (!(await ensureMigrated(db, config, io))) return 1;
    const viewer = await findViewerByEmailAsOwner(db, email, values.org);
    const decision = await createRoutingService({ db }).explain(viewer, input);
    printDecision(io, decision, lang);
    return decision.routable ? 0 : 1;
  });
}

const ROUTE_LABELS = {
  en: { routable: 'Routable', yes: 'yes', no: 'no', reason: 'Reason', responsible: 'Responsible', holder: 'First holder', path: 'Escalation path', participants: 'Participants', preference: 'Preference', incident: 'Incident', rules: 'Rules', none: '(none)' },
  ko: { routable: '라우팅 가능', yes: '예', no: '아니요', reason: '사유', responsible: '책임', holder: '첫 담당', path: '에스컬레이션 경로', participants: '참여자', preference: '선호 설정', incident: '장애', rules: '규칙', none: '(없음)' },
} as const;

function printDecision(io: Output, d: PresentedDecision, lang: 'en' | 'ko'): void {
  const t = ROUTE_LABELS[lang];
  const party = (p: { id: string; name: string | null; role: string }) => `${p.name ?? p.id} (${p.role}, ${p.id})`;
  io.out(`${d.category} / ${d.severity}`);
  io.out(`${t.routable}: ${d.routable ? t.yes : t.no}`);
  if (d.reason) io.out(`${t.reason}: ${d.reason}`);
  if (d.responsible) io.out(`${t.responsible}: ${party(d.responsible)}`);
  if (d.firstHolder) io.out(`${t.holder}: ${party(d.firstHolder)}`);
  if (d.routable) {
    io.out(`${t.path}: ${d.escalationPath.length ? d.escalationPath.map(party).join(' → ') : t.none}`);
    io.out(`${t.participants}:`);
    for (const p of d.participants) io.out(`  ${party(p)}`);
  }
  if (d.preference) io.out(`${t.preference}: ${d.preference.value} (${d.preference.source})`);
  if (d.incidentId) io.out(`${t.incident}: ${d.incidentId}`);
  io.out(`${t.rules}:`);
  d.rules.forEach((r, i) => io.out(`  ${i + 1}. [${r.code}] ${r[lang]}`));
}

async function ensureMigrated(db: Database, config: Config, io: Output): Promise<boolean> {
  if (config.database.kind === 'pglite') {
    const applied = await db.migrate();
    if (applied.length) io.out(`Applied ${applied.length} migration(s).`);
    return true;
  }
  const pending = await db.pendingMigrations();
  if (pending.length > 0) {
    io.err(`The database needs ${pending.length} migration(s): run \`switchboard migrate\` first.\n${pending.map((m) => `  ${m}`).join('\n')}`);
    return false;
  }
  return true;
}

async function serve(db: Database, config: Config, io: Output, signals: NodeJS.EventEmitter): Promise<number> {
  if (!(await ensureMigrated(db, config, io))) return 1;
  const wantsDemo = config.demoData === 'on' || (config.demoData === 'auto' && config.database.kind === 'pglite');
  if (wantsDemo) {
    const result = await loadDemoData(db, { password: config.demoPassword, slaWarningShare: config.sla.warningShare });
    if (result.loaded) io.out('Loaded the demo data.');
    printSignIns(io, result.loaded ? result.signIns : demoSignIns(), config.demoPassword, !result.loaded);
  }
  const jobs = createWorker(db, { ...workerSettings(config, io), runSchedules: config.runWorker });
  const { app } = await createHttpApplication(db, {
    sessionTtlHours: config.sessionTtlHours, tokenTtlDays: config.tokenTtlDays, cookieSecure: config.cookieSecure, publicUrl: config.publicUrl, logLevel: config.logLevel,
    webhookAllowPrivateAddresses: config.webhookAllowPrivateAddresses,
    rateLimits: config.rateLimits, signInHashes: config.signInHashes, slaWarningShare: config.sla.warningShare,
    consoleDir: config.consoleDir,
  }, jobs);
  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL';
  io.out(`Switchboard is listening on ${address} (${where}).\n  Console:  ${address}/\n  API:      ${address}/api/v1\n  API docs: ${address}/api/v1/docs\n  Health:   ${address}/api/health`);
  try {
    await jobs.start({ work: config.runWorker });
    io.out(config.runWorker
      ? `The job worker runs in this process (e-mail ${config.smtpUrl ? 'on' : 'off: SMTP_URL is not set'}).`
      : 'The job worker is off here (--no-worker / RUN_WORKER=false): run `switchboard worker` to deliver notifications.');
    await untilSignal(signals);
    io.out('Stopping…');
  } finally {
    await app.close();
    await jobs.stop();
  }
  return 0;
}

/** Runs the job worker until SIGINT or SIGTERM, then finishes the jobs in hand. */
async function work(db: Database, config: Config, io: Output, signals: NodeJS.EventEmitter): Promise<number> {
  if (!(await ensureMigrated(db, config, io))) return 1;
  const jobs = createWorker(db, { ...workerSettings(config, io), runSchedules: true });
  try {
    await jobs.start({ work: true });
    io.out(`The Switchboard worker is running (${config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL'}; e-mail ${config.smtpUrl ? 'on' : 'off: SMTP_URL is not set'}).`);
    await untilSignal(signals);
    io.out('Stopping the worker…');
  } finally {
    await jobs.stop();
  }
  return 0;
}

function workerSettings(config: Config, io: Output): WorkerSettings {
  return {
    publicUrl: config.publicUrl, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom,
    webhookTimeoutMs: config.webhookTimeoutMs, webhookAllowPrivateAddresses: config.webhookAllowPrivateAddresses,
    slaWarningShare: config.sla.warningShare, slaScanIntervalMinutes: config.sla.scanIntervalMinutes,
    onError: (err) => io.err(`worker: ${err.message}`),
  };
}

function untilSignal(signals: NodeJS.EventEmitter): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => resolve();
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
}

function printSignIns(io: Output, signIns: DemoSignIn[], password: string, earlier = false): void {
  // The organizations that hold a user for every role of their kind; the rest are listed in the README.
  const perOrg = new Map<string, number>();
  for (const s of signIns) perOrg.set(s.orgName, (perOrg.get(s.orgName) ?? 0) + 1);
  const shown = signIns.filter((s) => (perOrg.get(s.orgName) ?? 0) > 1);
  io.out(`${earlier ? 'Demo sign-ins (when this database holds the demo data)' : 'Demo sign-ins'}, password ${password}, ${shown.length} of ${signIns.length} users:`);
  const width = Math.max(...shown.map((s) => s.email.length));
  for (const s of shown) io.out(`  ${s.email.padEnd(width)}  ${s.roles.join(', ').padEnd(17)} ${s.orgName}`);
}
