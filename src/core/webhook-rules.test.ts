import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffMs, classifyAnswer, decideAfterAttempt, FAILING_DISABLE_AFTER_MS, isFailingTooLong, MAX_ATTEMPTS, MAX_WEBHOOK_URL_LENGTH,
  isLocalhostName, nextFailingSince, readWebhookUrl, retryAfterMs, RETRY_CAP_MS, signingSecrets,
} from './webhook-rules.ts';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const HOUR = 60 * 60 * 1000;

describe('readWebhookUrl', () => {
  const accepted: [string, string, unknown][] = [
    ['https://hooks.example.com/in', 'https://hooks.example.com/in', { kind: 'name', name: 'hooks.example.com' }],
    ['http://Example.COM:8080/a?b=c', 'http://example.com:8080/a?b=c', { kind: 'name', name: 'example.com' }],
    ['http://127.0.0.1:9000/x', 'http://127.0.0.1:9000/x', { kind: 'ipv4', address: '127.0.0.1' }],
    ['http://0x7f.1/', 'http://127.0.0.1/', { kind: 'ipv4', address: '127.0.0.1' }],
    ['http://2130706433/', 'http://127.0.0.1/', { kind: 'ipv4', address: '127.0.0.1' }],
    ['http://[::1]:81/', 'http://[::1]:81/', { kind: 'ipv6', address: '::1' }],
    ['http://[::ffff:10.0.0.1]/', 'http://[::ffff:a00:1]/', { kind: 'ipv6', address: '::ffff:a00:1' }],
    ['https://example.com./hook', 'https://example.com./hook', { kind: 'name', name: 'example.com' }],
    ['http://LOCALHOST:3000/', 'http://localhost:3000/', { kind: 'name', name: 'localhost' }],
  ];
  for (const [raw, url, host] of accepted) {
    it(`accepts ${raw} and names its host`, () => {
      assert.deepEqual(readWebhookUrl(raw), { ok: true, url, host });
    });
  }

  const refused: [string, string][] = [
    ['not a url', 'invalid'],
    ['/relative/path', 'invalid'],
    ['ftp://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['https://user:pass@example.com/', 'credentials'],
    ['https://user@example.com/', 'credentials'],
    [`https://example.com/${'a'.repeat(MAX_WEBHOOK_URL_LENGTH)}`, 'too_long'],
  ];
  for (const [raw, problem] of refused) {
    it(`refuses ${raw.slice(0, 40)} as ${problem}`, () => {
      assert.deepEqual(readWebhookUrl(raw), { ok: false, problem });
    });
  }

  it('refuses a URL whose normalized form grows beyond the limit', () => {
    const raw = `https://example.com/${'é'.repeat(MAX_WEBHOOK_URL_LENGTH / 2)}`;
    assert.ok(raw.length <= MAX_WEBHOOK_URL_LENGTH);
    assert.deepEqual(readWebhookUrl(raw), { ok: false, problem: 'too_long' });
  });
});

describe('isLocalhostName', () => {
  const rows: [string, boolean][] = [
    ['localhost', true], ['LOCALHOST', true], ['localhost.', true], ['api.localhost', true],
    ['localhost.example.com', false], ['mylocalhost', false], ['example.com', false],
  ];
  for (const [name, expected] of rows) {
    it(`${expected ? 'counts' : 'does not count'} ${name} as localhost`, () => assert.equal(isLocalhostName(name), expected));
  }
});

describe('signingSecrets', () => {
  const rows: [string, Date | null, string[]][] = [
    ['signs with the current secret alone without a previous one', null, ['whsec_new']],
    ['signs with both secrets during the grace period', at(1), ['whsec_new', 'whsec_old']],
    ['signs with the current secret alone once the grace period ended', at(0), ['whsec_new']],
    ['signs with the current secret alone long after the grace period', at(-3600), ['whsec_new']],
  ];
  for (const [name, expiresAt, expected] of rows) {
    it(name, () => {
      assert.deepEqual(signingSecrets({ secret: 'whsec_new', previousSecret: expiresAt ? 'whsec_old' : null, previousSecretExpiresAt: expiresAt }, NOW), expected);
    });
  }
});

describe('classifyAnswer', () => {
  const rows: [number | null, string][] = [
    [200, 'succeeded'], [201, 'succeeded'], [204, 'succeeded'], [299, 'succeeded'],
    [410, 'gone'],
    [null, 'failed'], [100, 'failed'], [301, 'failed'], [302, 'failed'], [308, 'failed'], [400, 'failed'], [404, 'failed'],
    [429, 'failed'], [500, 'failed'], [503, 'failed'],
  ];
  for (const [status, kind] of rows) {
    it(`counts ${status ?? 'no answer'} as ${kind}`, () => assert.equal(classifyAnswer(status), kind));
  }
});

describe('retryAfterMs', () => {
  const rows: [string, string | null, number | null][] = [
    ['is null without the header', null, null],
    ['reads delay-seconds', '120', 120_000],
    ['reads delay-seconds with spaces', ' 30 ', 30_000],
    ['raises zero seconds to one second', '0', 1_000],
    ['caps delay-seconds at an hour', '86400', RETRY_CAP_MS],
    ['reads an HTTP date', 'Tue, 24 Nov 2026 12:02:00 GMT', 120_000],
    ['raises an HTTP date in the past to one second', 'Tue, 24 Nov 2026 11:00:00 GMT', 1_000],
    ['caps an HTTP date at an hour', 'Wed, 25 Nov 2026 12:00:00 GMT', RETRY_CAP_MS],
    ['ignores a negative number', '-5', null],
    ['ignores a fraction', '1.5', null],
    ['ignores words', 'soon', null],
    ['ignores a date that is not an HTTP date', '2026-11-24T12:02:00Z', null],
    ['ignores an impossible HTTP date', 'Tue, 99 Nov 2026 12:02:00 GMT', null],
  ];
  for (const [name, header, expected] of rows) {
    it(name, () => assert.equal(retryAfterMs(header, NOW), expected));
  }
});

describe('backoffMs', () => {
  const rows: [number, number, number][] = [
    // attempt, random, expected: half of 5 s · 2^(attempt − 1) fixed, the other half random
    [1, 0, 2_500], [1, 0.5, 3_750], [1, 0.75, 4_375],
    [2, 0, 5_000], [3, 0, 10_000], [10, 0, 1_280_000], [10, 0.75, 2_240_000],
    [11, 0, RETRY_CAP_MS / 2], [11, 0.5, RETRY_CAP_MS * 0.75], [40, 0.5, RETRY_CAP_MS * 0.75], [1000, 0, RETRY_CAP_MS / 2],
  ];
  for (const [attempt, random, expected] of rows) {
    it(`waits ${expected} ms after attempt ${attempt} with random ${random}`, () => assert.equal(backoffMs(attempt, random), expected));
  }

  it('never waits more after an earlier attempt than after a later one', () => {
    for (let a = 1; a < 60; a++) assert.ok(backoffMs(a, 0) <= backoffMs(a + 1, 0) && backoffMs(a, 1) <= backoffMs(a + 1, 1));
  });
});

describe('decideAfterAttempt', () => {
  const base = { attempt: 1, retryAfter: null, now: NOW, random: 0 };
  it('is done on 2xx', () => assert.deepEqual(decideAfterAttempt({ ...base, statusCode: 204 }), { kind: 'succeeded' }));
  it('is gone on 410, even at the last attempt', () => assert.deepEqual(decideAfterAttempt({ ...base, attempt: MAX_ATTEMPTS, statusCode: 410 }), { kind: 'gone' }));
  it('retries after the backoff when no answer came', () => assert.deepEqual(decideAfterAttempt({ ...base, statusCode: null }), { kind: 'retry', at: at(2.5) }));
  it('retries after the backoff on a redirect', () => assert.deepEqual(decideAfterAttempt({ ...base, attempt: 2, statusCode: 302 }), { kind: 'retry', at: at(5) }));
  it('honours Retry-After on 503', () => assert.deepEqual(decideAfterAttempt({ ...base, statusCode: 503, retryAfter: '90' }), { kind: 'retry', at: at(90) }));
  it('honours Retry-After on 429', () => assert.deepEqual(decideAfterAttempt({ ...base, statusCode: 429, retryAfter: 'Tue, 24 Nov 2026 12:10:00 GMT' }), { kind: 'retry', at: at(600) }));
  it('ignores Retry-After on other statuses', () => assert.deepEqual(decideAfterAttempt({ ...base, statusCode: 500, retryAfter: '90' }), { kind: 'retry', at: at(2.5) }));
  it('falls back to the backoff when Retry-After is unreadable', () => assert.deepEqual(decideAfterAttempt({ ...base, statusCode: 503, retryAfter: 'later' }), { kind: 'retry', at: at(2.5) }));
  it('retries before the last attempt', () => assert.equal(decideAfterAttempt({ ...base, attempt: MAX_ATTEMPTS - 1, statusCode: 500 }).kind, 'retry'));
  it('gives up after the last attempt', () => assert.deepEqual(decideAfterAttempt({ ...base, attempt: MAX_ATTEMPTS, statusCode: 500 }), { kind: 'give_up' }));

  it('spreads the attempts of a delivery over about a day', () => {
    const span = (random: number) => {
      let total = 0;
      for (let a = 1; a < MAX_ATTEMPTS; a++) total += backoffMs(a, random);
      return total;
    };
    assert.ok(span(0) >= 12 * HOUR, `shortest span ${span(0) / HOUR} h`);
    assert.ok(span(0.999999) <= 36 * HOUR, `longest span ${span(1) / HOUR} h`);
    assert.ok(Math.abs(span(0.5) - 24 * HOUR) <= 2 * HOUR, `average span ${span(0.5) / HOUR} h`);
  });
});

describe('nextFailingSince', () => {
  const ok = (s: number) => ({ succeeded: true, at: at(s) });
  const ko = (s: number) => ({ succeeded: false, at: at(s) });
  const rows: [string, Date | null, { succeeded: boolean; at: Date }[], Date | null][] = [
    ['keeps the run as it is without attempts', at(-100), [], at(-100)],
    ['starts a run at the first failure', null, [ko(5), ko(2)], at(2)],
    ['keeps a run already started', at(-100), [ko(5)], at(-100)],
    ['clears the run when the latest attempt succeeded', at(-100), [ko(1), ok(3)], null],
    ['restarts the run at the first failure after a success', at(-100), [ko(1), ok(3), ko(7), ko(9)], at(7)],
    ['clears nothing that was not failing', null, [ok(1)], null],
  ];
  for (const [name, current, outcomes, expected] of rows) {
    it(name, () => assert.deepEqual(nextFailingSince(current, outcomes), expected));
  }
});

describe('isFailingTooLong', () => {
  const rows: [string, Date | null, boolean][] = [
    ['is not failing without a run', null, false],
    ['is not failing too long just under a day', new Date(NOW.getTime() - FAILING_DISABLE_AFTER_MS + 1), false],
    ['is failing too long after exactly a day', new Date(NOW.getTime() - FAILING_DISABLE_AFTER_MS), true],
    ['is failing too long after two days', new Date(NOW.getTime() - 2 * FAILING_DISABLE_AFTER_MS), true],
  ];
  for (const [name, since, expected] of rows) {
    it(name, () => assert.equal(isFailingTooLong(since, NOW), expected));
  }
});
