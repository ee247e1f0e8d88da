/**
 * The environment, parsed once at start. Every bad variable is reported together, and nothing
 * else in the code base reads `process.env`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { RateLimitSettings } from '../core/rate-limit-settings.ts';

/** Where `npm run build -w web` writes the console: `web/dist` of this checkout, wherever the server is started from. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port of the HTTP server' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Address the HTTP server binds to' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'Directory of the embedded database (PGlite)' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL server; when set, the embedded database is not used' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 * 7 }),
  TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 90, description: 'Lifetime of a new API token, and the longest one a token may ask for (expiresInDays)' }),
  COOKIE_SECURE: Type.Boolean({ default: false, description: 'Mark the session cookie Secure (set behind HTTPS)' }),
  DEMO_DATA: Type.Enum(['auto', 'on', 'off'], {
    default: 'auto',
    description: 'auto: load demo data on the first start of an empty embedded database',
  }),
  DEMO_PASSWORD: Type.String({ minLength: 8, default: 'switchboard-demo', description: 'Password of every demo user' }),
  RUN_WORKER: Type.Boolean({ default: true, description: 'Run the job worker inside the server process (false: run `switchboard worker` separately)' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'The address users reach Switchboard at, for links in e-mail' })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://', description: 'SMTP server for e-mail (smtp://user:pass@host:port); e-mail is off when unset' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Switchboard <no-reply@switchboard.invalid>', description: 'From address of e-mail' }),
  WEBHOOK_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 60, default: 10, description: 'How long a webhook receiver may take to answer' }),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: Type.Boolean({ default: false, description: 'Allow webhook endpoints on private, loopback and link-local addresses' }),
  RATE_LIMIT_PER_TOKEN_PER_MINUTE: Type.Integer({ minimum: 0, default: 300, description: 'Requests per minute per credential (API token or session); 0: no limit' }),
  RATE_LIMIT_PER_ORG_PER_MINUTE: Type.Integer({ minimum: 0, default: 1200, description: 'Requests per minute per organization, all its credentials together; 0: no limit' }),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: Type.Integer({ minimum: 0, default: 120, description: 'Unauthenticated requests (sign-in aside) per minute per client address; 0: no limit' }),
  SIGNIN_PER_EMAIL_PER_MINUTE: Type.Integer({ minimum: 0, default: 10, description: 'Sign-in attempts per minute per client address and e-mail; 0: no limit' }),
  SIGNIN_PER_ADDRESS_PER_MINUTE: Type.Integer({ minimum: 0, default: 30, description: 'Sign-in attempts per minute per client address; 0: no limit' }),
  SIGNIN_PER_MINUTE: Type.Integer({ minimum: 0, default: 600, description: 'Sign-in attempts per minute from every address together, shared by every server process; 0: no limit' }),
  SIGNIN_PER_SECOND_PER_PROCESS: Type.Integer({ minimum: 0, default: 20, description: 'Sign-in attempts one server process accepts per second; 0: no limit' }),
  SIGNIN_MAX_CONCURRENT_HASHES: Type.Integer({ minimum: 0, maximum: 64, default: 2, description: 'Password checks one process runs at once; 0: no bound' }),
  SIGNIN_HASH_QUEUE_SIZE: Type.Integer({ minimum: 0, maximum: 1000, default: 8, description: 'Sign-ins that may wait for a password check (up to 2 s) before 503 SERVICE_UNAVAILABLE' }),
  SLA_WARNING_SHARE: Type.Number({ minimum: 0, maximum: 1, default: 0.25, description: 'Share of an SLA target left when its warning (case.sla_warning) is due; 0: warn only at the breach' }),
  SLA_SCAN_INTERVAL_MINUTES: Type.Integer({ minimum: 1, maximum: 60, default: 1, description: 'How often the worker scans for SLA warnings and breaches (a pg-boss schedule), in minutes' }),
  CONSOLE_DIR: Type.Optional(Type.String({ minLength: 1, description: 'Directory of the built web console (index.html and assets/), served at /; default web/dist of the checkout' })),
});

/** The parsed configuration. */
export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  logLevel: Static<typeof EnvSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  /** Lifetime of a new API token in days: the default and the maximum. */
  tokenTtlDays: number;
  cookieSecure: boolean;
  demoData: 'auto' | 'on' | 'off';
  demoPassword: string;
  runWorker: boolean;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  webhookTimeoutMs: number;
  webhookAllowPrivateAddresses: boolean;
  /** Request limits (each 0 to switch its policy off), counted in the database across processes. */
  rateLimits: RateLimitSettings;
  /** How many password checks a process runs at once, and how many may wait. */
  signInHashes: { concurrency: number; queueSize: number };
  /** SLA warnings: the share of a target left when its warning is due; how often the worker scans. */
  sla: { warningShare: number; scanIntervalMinutes: number };
  /** The built web console's directory (absolute), served at `/`. */
  consoleDir: string;
}

/** Raised with every problem of the environment at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (by default the process's); throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const problems = [...Value.Errors(EnvSchema, converted)].map((e) => {
    const name = e.instancePath.replace(/^\//, '') || 'environment';
    const allowed = (EnvSchema.properties as Record<string, { enum?: string[] }>)[name]?.enum;
    return `${name}: ${allowed ? `must be one of ${allowed.join(', ')}` : e.message} (got ${JSON.stringify(env[name])})`;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const v = converted as Static<typeof EnvSchema>;
  return {
    port: v.PORT,
    host: v.HOST,
    database: v.DATABASE_URL
      ? { kind: 'postgres', url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: v.DATA_DIR },
    logLevel: v.LOG_LEVEL,
    sessionTtlHours: v.SESSION_TTL_HOURS,
    tokenTtlDays: v.TOKEN_TTL_DAYS,
    cookieSecure: v.COOKIE_SECURE,
    demoData: v.DEMO_DATA,
    demoPassword: v.DEMO_PASSWORD,
    runWorker: v.RUN_WORKER,
    publicUrl: (v.PUBLIC_URL ?? `http://${v.HOST === '0.0.0.0' ? '127.0.0.1' : v.HOST}:${v.PORT}`).replace(/\/+$/, ''),
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.MAIL_FROM,
    webhookTimeoutMs: v.WEBHOOK_TIMEOUT_SECONDS * 1000,
    webhookAllowPrivateAddresses: v.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    rateLimits: {
      perCredentialPerMinute: v.RATE_LIMIT_PER_TOKEN_PER_MINUTE,
      perOrganizationPerMinute: v.RATE_LIMIT_PER_ORG_PER_MINUTE,
      perAnonymousAddressPerMinute: v.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      signInPerAddressAndEmailPerMinute: v.SIGNIN_PER_EMAIL_PER_MINUTE,
      signInPerAddressPerMinute: v.SIGNIN_PER_ADDRESS_PER_MINUTE,
      signInPerMinute: v.SIGNIN_PER_MINUTE,
      signInPerSecondPerProcess: v.SIGNIN_PER_SECOND_PER_PROCESS,
    },
    signInHashes: { concurrency: v.SIGNIN_MAX_CONCURRENT_HASHES, queueSize: v.SIGNIN_HASH_QUEUE_SIZE },
    sla: { warningShare: v.SLA_WARNING_SHARE, scanIntervalMinutes: v.SLA_SCAN_INTERVAL_MINUTES },
    consoleDir: v.CONSOLE_DIR === undefined ? DEFAULT_CONSOLE_DIR : path.resolve(v.CONSOLE_DIR),
  };
}
