import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidatesToVerify, chooseSignInUser, MAX_SIGN_IN_CANDIDATES } from './sign-in-rules.ts';

const c = (n: number) => ({ userId: `usr_${n}`, orgId: `org_${n}` });

describe('sign-in rules', () => {
  it('signs in the one user whose password matched', () => {
    assert.deepEqual(chooseSignInUser([c(1)]), { outcome: 'signed_in', userId: 'usr_1', orgId: 'org_1' });
  });

  it('refuses when no password matched, or none in the organization chosen', () => {
    assert.deepEqual(chooseSignInUser([]), { outcome: 'refused' });
    assert.deepEqual(chooseSignInUser([c(1)], 'org_2'), { outcome: 'refused' });
  });

  it('asks to choose among the organizations whose users matched, and only those', () => {
    assert.deepEqual(chooseSignInUser([c(1), c(3)]), { outcome: 'choose_organization', orgIds: ['org_1', 'org_3'] });
  });

  it('signs in the matched user of the organization chosen', () => {
    assert.deepEqual(chooseSignInUser([c(1), c(3)], 'org_3'), { outcome: 'signed_in', userId: 'usr_3', orgId: 'org_3' });
  });

  it('verifies at most the maximum of candidates, oldest first, of the organization chosen', () => {
    const all = [1, 2, 3, 4, 5, 6, 7].map(c);
    assert.deepEqual(candidatesToVerify(all).map((x) => x.userId), all.slice(0, MAX_SIGN_IN_CANDIDATES).map((x) => x.userId));
    assert.deepEqual(candidatesToVerify(all, 'org_7'), [c(7)]);
    assert.deepEqual(candidatesToVerify(all, 'org_9'), []);
  });
});
