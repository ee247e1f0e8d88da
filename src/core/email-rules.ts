/**
 * E-mail of notifications (SPEC section 8): the words around an event's text in the recipient's
 * language, and what happens after a failed send.
 *
 * Terminology:
 * - delivery: one e-mail of one event to one user, written by the fan-out with the event's title
 *   and body already in the user's language; the sender only frames it.
 * - attempt: one try to hand a delivery to the SMTP server. A temporary failure (the server is
 *   away, a 4xx answer) is tried again later, each wait longer than the one before, up to
 *   EMAIL_MAX_ATTEMPTS; a permanent one (a 5xx refusal of the sender, recipient or message) fails
 *   the delivery at once, since trying again would be refused the same way.
 */
import { SETTINGS_PAGE } from './console-links.ts';
import type { Locale } from './events.ts';

/** A delivery as the fan-out wrote it: the event's words in the user's language and where they point. */
export interface EmailDraft {
  locale: Locale;
  subject: string;
  bodyText: string;
  /** The console page of the subject (`consolePageOf` its API link): people open pages, not JSON. */
  page: string;
}

/** A message ready for the SMTP server: one subject line and a plain-text body. */
export interface ComposedEmail {
  subject: string;
  text: string;
}

/** Where a user changes which notifications reach them (the console's settings), relative to the public address. */
export const PREFERENCES_PAGE = SETTINGS_PAGE;

const SUBJECT_PREFIX = '[Switchboard] ';
const MAX_SUBJECT_CHARS = 200;

/** Joins the public address (with or without a path prefix or trailing slash) and an absolute path. */
export function absoluteLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** One line: a title made of parties' own words must not break the header it goes into. */
function oneLine(text: string): string {
  const line = text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = [...line];
  return chars.length > MAX_SUBJECT_CHARS ? `${chars.slice(0, MAX_SUBJECT_CHARS - 1).join('')}…` : line;
}

const FRAMES: Record<Locale, (body: string, link: string, preferences: string) => string> = {
  en: (body, link, preferences) => [
    'Hello,',
    '',
    body,
    '',
    `Open it in Switchboard: ${link}`,
    '',
    '-- ',
    'You receive this e-mail because you have a Switchboard account and your notification',
    'preferences send this kind of notification by e-mail.',
    `To choose which notifications reach you by e-mail, change your preferences: ${preferences}`,
  ].join('\n'),
  ko: (body, link, preferences) => [
    '안녕하세요.',
    '',
    body,
    '',
    `Switchboard에서 보기: ${link}`,
    '',
    '-- ',
    'Switchboard 계정의 알림 설정에 따라 이 알림을 이메일로 받도록 되어 있어 보내 드리는 메일입니다.',
    `이메일로 받을 알림은 알림 설정에서 바꿀 수 있습니다: ${preferences}`,
  ].join('\n'),
};

/**
 * The e-mail of a delivery: the subject on one line, and the body framed by a greeting, the
 * absolute link of the subject's console page and a footer that says why it came and how to change that — in the delivery's
 * language.
 */
export function composeEmail(draft: EmailDraft, publicUrl: string): ComposedEmail {
  const body = draft.bodyText.trim() || oneLine(draft.subject);
  return {
    subject: `${SUBJECT_PREFIX}${oneLine(draft.subject)}`,
    text: FRAMES[draft.locale](body, absoluteLink(publicUrl, draft.page), absoluteLink(publicUrl, PREFERENCES_PAGE)),
  };
}

/** What the SMTP client reported about a failed send. */
export interface SmtpFailure {
  /** The client's error code (ECONNECTION, EENVELOPE, EMESSAGE, EAUTH…), when it gave one. */
  code?: string | undefined;
  /** The server's reply code, when the server answered. */
  responseCode?: number | undefined;
}

/**
 * Whether a failure will happen again however often the delivery is retried: the server refused
 * the sender, a recipient or the message with a 5xx reply, or the client found the envelope
 * unusable. A refused sign-in (EAUTH) is the operator's configuration, not this e-mail's: it is
 * retried so that mail flows again once the configuration is fixed.
 */
export function isPermanentSmtpFailure(failure: SmtpFailure): boolean {
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH') return false;
  if (failure.responseCode !== undefined) return failure.responseCode >= 500 && failure.responseCode < 600;
  return failure.code === 'EENVELOPE';
}

/** How many times a delivery is tried at most, the first included. */
export const EMAIL_MAX_ATTEMPTS = 6;
const FIRST_RETRY_SECONDS = 60;
const RETRY_FACTOR = 3;

/**
 * When a failed delivery is tried again, after `attemptsMade` attempts (this one included):
 * 1, 3, 9, 27 and 81 minutes later — about two hours in all, long enough to ride out a mail
 * server's restart or a short outage — or null when it fails for good (a permanent failure, or the
 * last attempt).
 */
export function nextEmailAttemptAt(attemptsMade: number, permanent: boolean, now: Date): Date | null {
  if (permanent || attemptsMade >= EMAIL_MAX_ATTEMPTS) return null;
  const waitSeconds = FIRST_RETRY_SECONDS * RETRY_FACTOR ** Math.max(0, attemptsMade - 1);
  return new Date(now.getTime() + waitSeconds * 1000);
}
