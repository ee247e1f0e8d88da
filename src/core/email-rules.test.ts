import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  absoluteLink, composeEmail, EMAIL_MAX_ATTEMPTS, isPermanentSmtpFailure, nextEmailAttemptAt, type EmailDraft, type SmtpFailure,
} from './email-rules.ts';

const draft = (overrides: Partial<EmailDraft> = {}): EmailDraft => ({
  locale: 'en', subject: 'Case routed “Backups fail”', bodyText: 'The case is now with Contoso.', page: '/cases/cas_1', ...overrides,
});

describe('absoluteLink', () => {
  const table: [string, string, string][] = [
    ['http://127.0.0.1:3000', '/cases/cas_1', 'http://127.0.0.1:3000/cases/cas_1'],
    ['https://sb.example.com/', '/cases/cas_1', 'https://sb.example.com/cases/cas_1'],
    ['https://example.com/switchboard', '/incidents/inc_1', 'https://example.com/switchboard/incidents/inc_1'],
    ['https://example.com/switchboard//', 'settings', 'https://example.com/switchboard/settings'],
  ];
  for (const [base, path, expected] of table) {
    it(`joins ${base} and ${path} keeping the public address's path`, () => assert.equal(absoluteLink(base, path), expected));
  }
});

describe('composeEmail', () => {
  it('frames an English e-mail with a greeting, the body, the absolute link of the console page and why it came', () => {
    const mail = composeEmail(draft(), 'https://sb.example.com');
    assert.equal(mail.subject, '[Switchboard] Case routed “Backups fail”');
    assert.match(mail.text, /^Hello,\n\nThe case is now with Contoso\.\n/);
    assert.match(mail.text, /Open it in Switchboard: https:\/\/sb\.example\.com\/cases\/cas_1\n/);
    assert.match(mail.text, /\n-- \nYou receive this e-mail because/);
    assert.match(mail.text, /change your preferences: https:\/\/sb\.example\.com\/settings$/);
    assert.doesNotMatch(mail.text, /\/api\//, 'people are linked to console pages, never to raw JSON');
  });

  it('frames a Korean e-mail in Korean, keeping the body as the fan-out wrote it', () => {
    const mail = composeEmail(draft({ locale: 'ko', subject: '케이스 배정 “백업 실패”', bodyText: '케이스가 Contoso에 배정되었습니다.' }), 'https://sb.example.com');
    assert.equal(mail.subject, '[Switchboard] 케이스 배정 “백업 실패”');
    assert.match(mail.text, /^안녕하세요\.\n\n케이스가 Contoso에 배정되었습니다\.\n/);
    assert.match(mail.text, /Switchboard에서 보기: https:\/\/sb\.example\.com\/cases\/cas_1\n/);
    assert.match(mail.text, /알림 설정에서 바꿀 수 있습니다: https:\/\/sb\.example\.com\/settings$/);
    assert.doesNotMatch(mail.text, /You receive/);
  });

  it('puts a subject with line breaks on one line, so it cannot add a header', () => {
    const mail = composeEmail(draft({ subject: 'New case\r\nBcc: victim@example.com\n\tnow' }), 'https://sb.example.com');
    assert.equal(mail.subject, '[Switchboard] New case Bcc: victim@example.com now');
  });

  it('shortens a very long subject to 200 characters of the title, counting Korean as characters', () => {
    const mail = composeEmail(draft({ subject: '가'.repeat(500) }), 'https://sb.example.com');
    const title = [...mail.subject.slice('[Switchboard] '.length)];
    assert.equal(title.length, 200);
    assert.equal(title.at(-1), '…');
  });

  it('uses the title as the body when the event has no body of its own', () => {
    const mail = composeEmail(draft({ bodyText: '  ' }), 'https://sb.example.com');
    assert.match(mail.text, /^Hello,\n\nCase routed “Backups fail”\n/);
  });
});

describe('isPermanentSmtpFailure', () => {
  const table: [string, SmtpFailure, boolean][] = [
    ['a 550 refusal of a recipient', { code: 'EENVELOPE', responseCode: 550 }, true],
    ['a 554 refusal of the message', { code: 'EMESSAGE', responseCode: 554 }, true],
    ['an envelope the client finds unusable', { code: 'EENVELOPE' }, true],
    ['a 451 temporary refusal', { code: 'EMESSAGE', responseCode: 451 }, false],
    ['a 421 shutting-down server', { code: 'EPROTOCOL', responseCode: 421 }, false],
    ['a refused connection', { code: 'ESOCKET' }, false],
    ['a dropped connection', { code: 'ECONNECTION' }, false],
    ['a timeout', { code: 'ETIMEDOUT' }, false],
    ['a refused sign-in, even with a 535', { code: 'EAUTH', responseCode: 535 }, false],
    ['an error without any code', {}, false],
  ];
  for (const [name, failure, permanent] of table) {
    it(`treats ${name} as ${permanent ? 'permanent' : 'temporary'}`, () => assert.equal(isPermanentSmtpFailure(failure), permanent));
  }
});

describe('nextEmailAttemptAt', () => {
  const now = new Date('2026-11-24T10:00:00.000Z');
  const minutes = (d: Date | null) => (d === null ? null : (d.getTime() - now.getTime()) / 60_000);

  it('waits 1, 3, 9, 27 and 81 minutes after the first five failures', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => minutes(nextEmailAttemptAt(n, false, now))), [1, 3, 9, 27, 81]);
  });

  it(`gives up after ${EMAIL_MAX_ATTEMPTS} attempts`, () => {
    assert.equal(nextEmailAttemptAt(EMAIL_MAX_ATTEMPTS, false, now), null);
    assert.equal(nextEmailAttemptAt(EMAIL_MAX_ATTEMPTS + 3, false, now), null);
  });

  it('gives up at once on a permanent failure', () => {
    assert.equal(nextEmailAttemptAt(1, true, now), null);
  });
});
