import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applySplitChanges, completeSplit, defaultSplit, isSplitEditable, isSupportCategory, SUPPORT_CATEGORIES,
  type SplitRule, type SupportCategory,
} from './support-categories.ts';

const ruleOf = (split: readonly SplitRule[], category: SupportCategory) => split.find((r) => r.category === category);

describe('defaultSplit', () => {
  it('has one rule per category, in the matrix order', () => {
    assert.deepEqual(defaultSplit().map((r) => r.category), [...SUPPORT_CATEGORIES]);
  });

  const cases: [SupportCategory, 'provider' | 'reseller'][] = [
    ['billing', 'reseller'], ['payment', 'reseller'], ['subscription', 'reseller'], ['account_setup', 'reseller'],
    ['technical_howto', 'reseller'], ['technical_breakfix', 'reseller'], ['service_outage', 'reseller'],
    ['csp_program', 'reseller'], ['commerce_platform', 'provider'],
  ];
  for (const [category, side] of cases) {
    it(`makes the ${side} first contact and handler of ${category}`, () => {
      assert.deepEqual(ruleOf(defaultSplit(), category), { category, firstContact: side, handler: side });
    });
  }

  it('returns a fresh list each time, so a caller can\'t change the default for others', () => {
    const a = defaultSplit();
    a[0]!.handler = 'provider';
    assert.equal(defaultSplit()[0]!.handler, 'reseller');
  });
});

describe('isSplitEditable', () => {
  for (const category of SUPPORT_CATEGORIES) {
    const editable = category !== 'commerce_platform';
    it(`${editable ? 'lets' : 'does not let'} ${category} be split`, () => {
      assert.equal(isSplitEditable(category), editable);
    });
  }
});

describe('isSupportCategory', () => {
  const cases: [string, boolean][] = [['billing', true], ['commerce_platform', true], ['BILLING', false], ['refunds', false], ['', false]];
  for (const [code, expected] of cases) {
    it(`${expected ? 'knows' : 'does not know'} "${code}"`, () => assert.equal(isSupportCategory(code), expected));
  }
});

describe('completeSplit', () => {
  it('is the default split when nothing is stored', () => {
    assert.deepEqual(completeSplit([]), defaultSplit());
  });

  it('takes a stored rule over the default', () => {
    const split = completeSplit([{ category: 'technical_breakfix', firstContact: 'reseller', handler: 'provider' }]);
    assert.deepEqual(ruleOf(split, 'technical_breakfix'), { category: 'technical_breakfix', firstContact: 'reseller', handler: 'provider' });
    assert.deepEqual(ruleOf(split, 'billing'), { category: 'billing', firstContact: 'reseller', handler: 'reseller' });
  });

  it('keeps commerce_platform with the provider whatever was stored', () => {
    const split = completeSplit([{ category: 'commerce_platform', firstContact: 'reseller', handler: 'reseller' }]);
    assert.deepEqual(ruleOf(split, 'commerce_platform'), { category: 'commerce_platform', firstContact: 'provider', handler: 'provider' });
  });

  it('drops rows of categories it does not know', () => {
    const split = completeSplit([{ category: 'retired_category', firstContact: 'provider', handler: 'provider' }]);
    assert.deepEqual(split, defaultSplit());
  });
});

describe('applySplitChanges', () => {
  const current = defaultSplit();

  it('changes only the categories given and reports those as changed', () => {
    const result = applySplitChanges(current, [{ category: 'service_outage', firstContact: 'reseller', handler: 'provider' }]);
    assert.ok(result.ok);
    assert.deepEqual(result.changed, [{ category: 'service_outage', firstContact: 'reseller', handler: 'provider' }]);
    assert.deepEqual(ruleOf(result.split, 'service_outage'), { category: 'service_outage', firstContact: 'reseller', handler: 'provider' });
    assert.deepEqual(ruleOf(result.split, 'billing'), ruleOf(current, 'billing'));
    assert.equal(result.split.length, SUPPORT_CATEGORIES.length);
  });

  it('accepts the whole split sent back with one change, commerce_platform included as it is', () => {
    const edited = defaultSplit().map((r) => (r.category === 'payment' ? { ...r, firstContact: 'provider' as const } : r));
    const result = applySplitChanges(current, edited);
    assert.ok(result.ok);
    assert.deepEqual(result.changed, [{ category: 'payment', firstContact: 'provider', handler: 'reseller' }]);
    assert.deepEqual(result.split, edited);
  });

  it('reports nothing changed when the rules equal the current ones', () => {
    const result = applySplitChanges(current, defaultSplit());
    assert.ok(result.ok);
    assert.deepEqual(result.changed, []);
  });

  const refusals: [string, SplitRule[], { reason: string; index: number; category: SupportCategory }][] = [
    ['refuses moving commerce_platform first contact to the reseller',
      [{ category: 'commerce_platform', firstContact: 'reseller', handler: 'provider' }],
      { reason: 'not_editable', index: 0, category: 'commerce_platform' }],
    ['refuses moving commerce_platform handling to the reseller',
      [{ category: 'billing', firstContact: 'provider', handler: 'provider' }, { category: 'commerce_platform', firstContact: 'provider', handler: 'reseller' }],
      { reason: 'not_editable', index: 1, category: 'commerce_platform' }],
    ['refuses a category given twice',
      [{ category: 'billing', firstContact: 'provider', handler: 'provider' }, { category: 'billing', firstContact: 'reseller', handler: 'reseller' }],
      { reason: 'duplicate_category', index: 1, category: 'billing' }],
  ];
  for (const [name, changes, refusal] of refusals) {
    it(name, () => {
      const result = applySplitChanges(current, changes);
      assert.deepEqual(result, { ok: false, refusal });
    });
  }

  it('does not change the split it was given', () => {
    const before = JSON.stringify(current);
    applySplitChanges(current, [{ category: 'billing', firstContact: 'provider', handler: 'provider' }]);
    assert.equal(JSON.stringify(current), before);
  });
});
