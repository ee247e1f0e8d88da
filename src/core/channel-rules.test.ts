import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decideRelationshipAction, isIndirectProvider, isIndirectReseller, isSplitChangeAllowed, sellsToCustomers, sideOf,
  type RelationshipAction, type RelationshipDecision, type RelationshipStatus,
} from './channel-rules.ts';
import type { OrgKind, PartnerModel } from './parties.ts';
import type { ChannelSide } from './support-categories.ts';

describe('decideRelationshipAction', () => {
  const cases: [RelationshipAction, RelationshipStatus, ChannelSide | null, RelationshipDecision['allowed'], string][] = [
    ['accept', 'invited', 'reseller', true, 'active'],
    ['accept', 'invited', 'provider', false, 'wrong_side'],
    ['accept', 'active', 'reseller', false, 'wrong_status'],
    ['accept', 'ended', 'reseller', false, 'wrong_status'],
    ['decline', 'invited', 'reseller', true, 'ended'],
    ['decline', 'invited', 'provider', false, 'wrong_side'],
    ['decline', 'active', 'reseller', false, 'wrong_status'],
    ['end', 'invited', 'provider', true, 'ended'],
    ['end', 'invited', 'reseller', true, 'ended'],
    ['end', 'active', 'provider', true, 'ended'],
    ['end', 'active', 'reseller', true, 'ended'],
    ['end', 'ended', 'provider', false, 'wrong_status'],
    ['end', 'active', null, false, 'wrong_side'],
    ['accept', 'invited', null, false, 'wrong_side'],
  ];
  for (const [action, status, side, allowed, outcome] of cases) {
    it(`${allowed ? 'lets' : 'does not let'} ${side ?? 'a party on neither side'} ${action} a relationship that is ${status}${allowed ? '' : ` (${outcome})`}`, () => {
      const d = decideRelationshipAction(status, action, side);
      assert.equal(d.allowed, allowed);
      if (d.allowed) assert.equal(d.to, outcome);
      else assert.equal(d.reason, outcome);
    });
  }

  it('checks the side before the status', () => {
    assert.deepEqual(decideRelationshipAction('ended', 'accept', 'provider'), { allowed: false, reason: 'wrong_side', sides: ['reseller'] });
  });
});

describe('isSplitChangeAllowed', () => {
  const cases: [RelationshipStatus, boolean][] = [['invited', true], ['active', true], ['ended', false]];
  for (const [status, allowed] of cases) {
    it(`${allowed ? 'allows' : 'refuses'} a split change while ${status}`, () => assert.equal(isSplitChangeAllowed(status), allowed));
  }
});

describe('sideOf', () => {
  const rel = { providerId: 'org_p', resellerId: 'org_r' };
  const cases: [string, ChannelSide | null][] = [['org_p', 'provider'], ['org_r', 'reseller'], ['org_x', null]];
  for (const [orgId, side] of cases) it(`puts ${orgId} on ${side ?? 'neither side'}`, () => assert.equal(sideOf(rel, orgId), side));
});

describe('who takes part in the channel', () => {
  const parties: [OrgKind, PartnerModel | null, { provider: boolean; reseller: boolean; sells: boolean }][] = [
    ['partner', 'direct', { provider: false, reseller: false, sells: true }],
    ['partner', 'indirect_provider', { provider: true, reseller: false, sells: false }],
    ['partner', 'indirect_reseller', { provider: false, reseller: true, sells: true }],
    ['publisher', null, { provider: false, reseller: false, sells: false }],
    ['operator', null, { provider: false, reseller: false, sells: false }],
    ['customer', null, { provider: false, reseller: false, sells: false }],
  ];
  for (const [orgKind, partnerModel, expected] of parties) {
    const party = { orgKind, partnerModel };
    const label = partnerModel ?? orgKind;
    it(`${expected.provider ? 'lets' : 'does not let'} a ${label} invite resellers`, () => assert.equal(isIndirectProvider(party), expected.provider));
    it(`${expected.reseller ? 'lets' : 'does not let'} a ${label} be invited as a reseller`, () => assert.equal(isIndirectReseller(party), expected.reseller));
    it(`${expected.sells ? 'lets' : 'does not let'} a ${label} keep customer relationships`, () => assert.equal(sellsToCustomers(party), expected.sells));
  }
});
