import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from './catalog-rules.ts';
import {
  decidePurchaseChain, designatedSupportContact, isPartnerOfRecord, isQuantityAllowed, isQuantityChangeAllowed,
  nextSubscriptionStatus, supportContactSide, SUBSCRIPTION_ACTIONS, type SubscriptionAction,
} from './subscription-rules.ts';

describe('nextSubscriptionStatus', () => {
  const table: Record<SubscriptionAction, Partial<Record<SubscriptionStatus, SubscriptionStatus>>> = {
    activate: { pending_activation: 'active' },
    suspend: { active: 'suspended' },
    reactivate: { suspended: 'active' },
    cancel: { pending_activation: 'cancelled', active: 'cancelled', suspended: 'cancelled' },
  };
  for (const action of SUBSCRIPTION_ACTIONS) {
    for (const from of SUBSCRIPTION_STATUSES) {
      const to = table[action][from] ?? null;
      it(`${action} ${to ? `moves ${from} to ${to}` : `is not allowed from ${from}`}`, () => {
        assert.equal(nextSubscriptionStatus(from, action), to);
      });
    }
  }
});

describe('isQuantityAllowed', () => {
  const bounds = { minQuantity: 5, maxQuantity: 10 };
  const cases: [number, boolean][] = [[5, true], [7, true], [10, true], [4, false], [11, false], [0, false], [-1, false], [5.5, false], [Number.NaN, false]];
  for (const [q, ok] of cases) it(`${ok ? 'allows' : 'refuses'} ${q} within [5, 10]`, () => assert.equal(isQuantityAllowed(q, bounds), ok));
});

describe('isQuantityChangeAllowed', () => {
  const allowed: Record<SubscriptionStatus, boolean> = { pending_activation: true, active: true, suspended: false, cancelled: false };
  for (const status of SUBSCRIPTION_STATUSES) {
    it(`${allowed[status] ? 'allows' : 'refuses'} a quantity change while ${status}`, () => assert.equal(isQuantityChangeAllowed(status), allowed[status]));
  }
});

describe('designatedSupportContact', () => {
  it('is the partner in the direct model, whatever is chosen', () => {
    assert.equal(designatedSupportContact({ partnerId: 'd', providerId: null, resellerId: null }, 'reseller'), 'd');
  });
  it('defaults to the provider in the indirect model', () => {
    assert.equal(designatedSupportContact({ partnerId: null, providerId: 'p', resellerId: 'r' }), 'p');
  });
  it('is the reseller when set to it', () => {
    assert.equal(designatedSupportContact({ partnerId: null, providerId: 'p', resellerId: 'r' }, 'reseller'), 'r');
  });
  it('refuses an indirect chain missing a side', () => {
    assert.throws(() => designatedSupportContact({ partnerId: null, providerId: 'p', resellerId: null }));
  });
});

describe('decidePurchaseChain', () => {
  it('a direct partner sells alone', () => {
    assert.deepEqual(decidePurchaseChain({ orgId: 'd', partnerModel: 'direct' }, {}), {
      ok: true, chain: { partnerId: 'd', providerId: null, resellerId: null }, sellerId: 'd', indirect: false,
    });
  });
  it('a provider names the reseller of record, who is the seller', () => {
    assert.deepEqual(decidePurchaseChain({ orgId: 'p', partnerModel: 'indirect_provider' }, { resellerId: 'r' }), {
      ok: true, chain: { partnerId: null, providerId: 'p', resellerId: 'r' }, sellerId: 'r', indirect: true,
    });
  });
  it('a reseller names its provider and is the seller', () => {
    assert.deepEqual(decidePurchaseChain({ orgId: 'r', partnerModel: 'indirect_reseller' }, { providerId: 'p' }), {
      ok: true, chain: { partnerId: null, providerId: 'p', resellerId: 'r' }, sellerId: 'r', indirect: true,
    });
  });
  const refusals: [string, 'direct' | 'indirect_provider' | 'indirect_reseller', { resellerId?: string; providerId?: string }, string][] = [
    ['a direct partner naming a reseller', 'direct', { resellerId: 'r' }, 'resellerId'],
    ['a direct partner naming a provider', 'direct', { providerId: 'p' }, 'providerId'],
    ['a provider naming no reseller', 'indirect_provider', {}, 'resellerId'],
    ['a provider naming a provider', 'indirect_provider', { resellerId: 'r', providerId: 'p' }, 'providerId'],
    ['a provider naming itself as reseller', 'indirect_provider', { resellerId: 'me' }, 'resellerId'],
    ['a reseller naming no provider', 'indirect_reseller', {}, 'providerId'],
    ['a reseller naming a reseller', 'indirect_reseller', { providerId: 'p', resellerId: 'r' }, 'resellerId'],
    ['a reseller naming itself as provider', 'indirect_reseller', { providerId: 'me' }, 'providerId'],
  ];
  for (const [label, model, named, field] of refusals) {
    it(`refuses ${label}, naming ${field}`, () => {
      const decided = decidePurchaseChain({ orgId: 'me', partnerModel: model }, named);
      assert.equal(decided.ok, false);
      assert.equal(!decided.ok && decided.field, field);
    });
  }
});

describe('isPartnerOfRecord', () => {
  const direct = { partnerId: 'd', providerId: null, resellerId: null };
  const indirect = { partnerId: null, providerId: 'p', resellerId: 'r' };
  const cases: [typeof direct | typeof indirect, string, boolean][] = [
    [direct, 'd', true], [direct, 'p', false], [indirect, 'p', true], [indirect, 'r', true], [indirect, 'd', false],
  ];
  for (const [chain, org, yes] of cases) {
    it(`${yes ? 'names' : 'does not name'} ${org} on ${chain.partnerId ? 'a direct' : 'an indirect'} subscription`, () => {
      assert.equal(isPartnerOfRecord(chain, org), yes);
    });
  }
});

describe('supportContactSide', () => {
  it('is the partner in the direct model', () => assert.equal(supportContactSide({ partnerId: 'd', providerId: null, resellerId: null }, 'd'), 'partner'));
  it('is the provider when the provider is the contact', () => assert.equal(supportContactSide({ partnerId: null, providerId: 'p', resellerId: 'r' }, 'p'), 'provider'));
  it('is the reseller when the reseller is the contact', () => assert.equal(supportContactSide({ partnerId: null, providerId: 'p', resellerId: 'r' }, 'r'), 'reseller'));
});
