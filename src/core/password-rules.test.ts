import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decidePassword } from './password-rules.ts';

describe('password rules', () => {
  it('refuses common and breached-style passwords, whatever their length', () => {
    for (const p of ['password1234', 'qwertyuiop123456', 'passwordpassword', 'p@ssw0rd1234', 'iloveyou12345', '123456789012', 'aaaaaaaaaaaa']) {
      const d = decidePassword(p);
      assert.equal(d.acceptable, false, p);
      assert.equal(d.acceptable === false && d.reason, 'too_weak', p);
      assert.ok(d.acceptable === false && d.hint.length > 0, p);
    }
  });

  it('accepts long uncommon passphrases and random strings', () => {
    for (const p of ['correct horse battery staple', 'long-enough-password', 'another-strong-passphrase', 'kR7#vq2!Lm9zXw', 'switchboard-demo']) {
      assert.equal(decidePassword(p).acceptable, true, p);
    }
  });

  it('refuses a password containing the e-mail\'s local part, in any case and punctuation', () => {
    const d = decidePassword('Alice-Smith-summer-holidays', { email: 'alice.smith@contoso.test', name: 'A. S.' });
    assert.deepEqual(d.acceptable === false && d.reason, 'contains_email');
  });

  it('refuses a password containing the user\'s name', () => {
    const d = decidePassword('my name is jeonghyun kim!', { email: 'jk@contoso.test', name: 'Jeonghyun Kim' });
    assert.deepEqual(d.acceptable === false && d.reason, 'contains_name');
  });

  it('counts the user\'s own words as known to an attacker', () => {
    const withInputs = decidePassword('bartholomew1999', { name: 'Bartholomew Ng' });
    assert.equal(withInputs.acceptable, false);
    assert.match(withInputs.acceptable === false ? withInputs.hint : '', /personal/);
  });

  it('estimates only the first 50 characters, so a long input is cheap', () => {
    const started = performance.now();
    const d = decidePassword('password'.repeat(7) + 'Zq9!kR7#vq2!Lm9zXw'.repeat(8));
    assert.equal(d.acceptable, false);
    assert.ok(performance.now() - started < 2_000);
  });
});
