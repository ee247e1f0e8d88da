/**
 * Which passwords a person may choose: strong enough by zxcvbn's estimate (score 3 of 4 or more:
 * common, breached-style, keyboard-walk, repeated and dated passwords score lower), and not
 * containing the user's own e-mail or name.
 *
 * Terminology:
 * - score: zxcvbn's 0–4 estimate of how many guesses a cracker needs (3: about 10^8 and up).
 * - user inputs: words zxcvbn treats as known to an attacker (the e-mail, its local part, the name).
 *
 * zxcvbn's matching grows fast with length and l33t substitutions, so only the first
 * MAX_CHECKED_LENGTH characters are estimated (a strong beginning makes a strong password) and
 * substitutions are capped: a check takes at most ~60 ms on the 2-core machine.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** The lowest zxcvbn score accepted. */
export const MIN_PASSWORD_SCORE = 3;
/** How many leading characters zxcvbn estimates. */
export const MAX_CHECKED_LENGTH = 50;

let factory: ZxcvbnFactory | null = null;

// Built on first use: loading the dictionaries takes ~300 ms that a process not setting passwords never pays.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    l33tMaxSubstitutions: 10,
    maxLength: MAX_CHECKED_LENGTH,
  });
  return factory;
}

/** Whom the password belongs to: what it must not contain. */
export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
}

/** Why a password is refused, with a hint in English for the person choosing it. */
export type PasswordRefusal =
  | { acceptable: false; reason: 'contains_email' | 'contains_name'; hint: string }
  | { acceptable: false; reason: 'too_weak'; score: number; hint: string };

/** The decision on a chosen password. */
export type PasswordDecision = { acceptable: true; score: number } | PasswordRefusal;

// Lower case, letters and digits only: "Alice.Smith" and "alice-smith" are the same word.
function fold(text: string): string {
  return text.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Decides whether a person may choose this password for the owner. */
export function decidePassword(password: string, owner: PasswordOwner = {}): PasswordDecision {
  const folded = fold(password);
  const email = owner.email?.trim().toLowerCase() ?? '';
  const local = fold(email.split('@')[0] ?? '');
  if (local.length >= 3 && folded.includes(local)) {
    return { acceptable: false, reason: 'contains_email', hint: 'Don\'t use your e-mail address in your password.' };
  }
  const name = fold(owner.name ?? '');
  if (name.length >= 3 && folded.includes(name)) {
    return { acceptable: false, reason: 'contains_name', hint: 'Don\'t use your name in your password.' };
  }
  const words = (owner.name ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
  const inputs = [...new Set([email, email.split('@')[0] ?? '', ...words].filter((w) => w.length > 0))];
  const result = estimator().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return { acceptable: true, score: result.score };
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  const hint = advice.length > 0 ? advice.join(' ') : 'Use a longer password: a few uncommon words together are easy to remember and hard to guess.';
  return { acceptable: false, reason: 'too_weak', score: result.score, hint };
}
