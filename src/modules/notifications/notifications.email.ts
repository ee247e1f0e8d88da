/**
 * The e-mail sender: the worker's handler of the 'emails.send' queue. The fan-out writes each
 * e-mail (already in the user's language) with its job in one transaction; this sends it over SMTP
 * and records the outcome.
 *
 * Each e-mail is read, sent outside any transaction (a slow SMTP server must not hold a database
 * connection: PGlite has only one), then its outcome recorded in an owner transaction that first
 * checks no other run recorded one meanwhile. A job run twice at the same moment (its first worker
 * seemed dead) may thus send twice — at least once, never lost — and the same Message-ID on every
 * attempt lets the receiving system drop the copy. A failed send is recorded and queued again with
 * a longer wait each time (core/email-rules.ts), in the same transaction; a permanent refusal fails
 * it at once. One e-mail's failure never fails the batch — pg-boss would run the whole batch again —
 * only a database failure does, and then the e-mails already sent are skipped by the next run.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { consolePageOf } from '../../core/console-links.ts';
import { composeEmail, isPermanentSmtpFailure, nextEmailAttemptAt, type SmtpFailure } from '../../core/email-rules.ts';
import type { Database, Tx } from '../../db/database.ts';
import type { JobQueue, RunningJob } from '../../jobs/job-runner.ts';
import * as repo from './notifications.repository.ts';

/** What the sender needs: where to send from and to, and where links point. */
export interface EmailSenderDeps {
  db: Database;
  jobs: JobQueue;
  /** smtp://user:pass@host:port or smtps://…; query options of nodemailer (`?pool=false`, `tls.*`) are honoured. */
  smtpUrl: string;
  mailFrom: string;
  /** The address users reach Switchboard at; links in e-mail start with it. */
  publicUrl: string;
  now?: () => Date;
}

/** How long the pooled connections stay open after the last e-mail, in milliseconds. */
const IDLE_CLOSE_MS = 5_000;
const MAX_ERROR_CHARS = 500;

// Bounded waits: a silent server must not hold a worker's batch for long.
const TRANSPORT_DEFAULTS: Record<string, string> = {
  pool: 'true', maxConnections: '2', connectionTimeout: '15000', greetingTimeout: '15000', socketTimeout: '30000',
};

/** The SMTP URL with the sender's defaults for what the operator did not set. */
function transportUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries(TRANSPORT_DEFAULTS)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.toString();
}

/** The domain of Message-IDs: the public address's host. */
function messageIdDomain(publicUrl: string): string {
  return URL.canParse(publicUrl) ? new URL(publicUrl).hostname || 'switchboard.invalid' : 'switchboard.invalid';
}

/** What the client said went wrong, for the delivery's record — the server's reply, never credentials. */
function describeFailure(err: unknown): { failure: SmtpFailure; text: string } {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const failure: SmtpFailure = {
    code: typeof e.code === 'string' ? e.code : undefined,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
  };
  const detail = typeof e.response === 'string' && e.response ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const text = [failure.code, detail].filter(Boolean).join(': ');
  return { failure, text: [...text].slice(0, MAX_ERROR_CHARS).join('') };
}

/**
 * Makes the handler of the 'emails.send' queue. One pooled transport serves every batch; its
 * connections close after a few idle seconds, and `close` ends them at once (on shutdown).
 */
export function createEmailSender(deps: EmailSenderDeps) {
  const { db, jobs, mailFrom, publicUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const url = transportUrl(deps.smtpUrl);
  const domain = messageIdDomain(publicUrl);

  let transport: Transporter | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let busy = 0;
  let closeWhenIdle = false;

  function acquire(): Transporter {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    busy++;
    if (!transport) {
      transport = nodemailer.createTransport(url);
      // Every failure also reaches the send it belongs to, which records it; an unheard 'error'
      // event would end the process instead.
      transport.on('error', () => {});
    }
    return transport;
  }

  function release(): void {
    busy--;
    if (busy > 0) return;
    if (closeWhenIdle) {
      closeWhenIdle = false;
      closeTransport();
      return;
    }
    idleTimer = setTimeout(closeTransport, IDLE_CLOSE_MS);
    idleTimer.unref();
  }

  function closeTransport(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    transport?.close();
    transport = null;
  }

  /** Sends one e-mail unless it is no longer pending, then records the outcome. */
  async function sendOne(mailer: Transporter, emailId: string): Promise<void> {
    const row = await db.withOwner((tx) => repo.lockEmailDelivery(tx, emailId));
    if (!row || row.status !== 'pending') return;
    const attempt = row.attempt_count + 1;
    const mail = composeEmail({ locale: row.locale, subject: row.subject, bodyText: row.body_text, page: consolePageOf(row.link) }, publicUrl);
    let failure: ReturnType<typeof describeFailure> | null = null;
    try {
      await mailer.sendMail({
        from: mailFrom, to: row.to_address, subject: mail.subject, text: mail.text,
        // The same Message-ID on every attempt lets a receiving system drop a copy sent twice.
        messageId: `<${row.id}@${domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    } catch (err) {
      failure = describeFailure(err);
    }
    await db.withOwner(async (tx: Tx) => {
      const current = await repo.lockEmailDelivery(tx, emailId);
      // Another run recorded an outcome while this one sent: it owns the row's next step.
      if (!current || current.status !== 'pending' || current.attempt_count !== row.attempt_count) return;
      if (!failure) {
        await repo.markEmailSent(tx, row.id, attempt, now());
        return;
      }
      const retryAt = nextEmailAttemptAt(attempt, isPermanentSmtpFailure(failure.failure), now());
      await repo.recordEmailFailure(tx, row.id, attempt, failure.text, retryAt === null);
      if (retryAt) await jobs.enqueue(tx, [{ name: 'emails.send', data: { emailId: row.id }, startAfter: retryAt }]);
    });
  }

  return {
    /** The queue handler: each e-mail of the batch in turn. */
    async handle(batch: RunningJob<'emails.send'>[]): Promise<void> {
      const mailer = acquire();
      try {
        for (const job of batch) await sendOne(mailer, job.data.emailId);
      } finally {
        release();
      }
    },
    /** Closes the pooled SMTP connections now, or once the batch in hand is sent (a later batch opens new ones). */
    close(): void {
      if (busy > 0) closeWhenIdle = true;
      else closeTransport();
    },
  };
}

/** The e-mail sender, as the worker's composition root receives it. */
export type EmailSender = ReturnType<typeof createEmailSender>;
