import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { OrgKind, PartnerModel } from './parties.ts';
import { categoryGroupOf, customerFacingPartnerOf, decideRouting, type CategoryGroup } from './routing.ts';
import {
  PARTNER_PREFERENCES, SEVERITIES, type Chain, type PartnerPreference, type RoutingDecision, type RoutingFacts,
} from './routing-types.ts';
import { RESPONSIBLE_KIND, SUPPORT_CATEGORIES, defaultSplit, type SplitRule, type SupportCategory } from './support-categories.ts';

// The cast: one organization per part, so an expectation can name parts instead of ids.
const ID = {
  customer: 'org_customer', partner: 'org_direct', provider: 'org_provider', reseller: 'org_reseller',
  publisher: 'org_publisher', operator: 'org_operator',
} as const;
type Part = keyof typeof ID;

const DIRECT: Chain = { model: 'direct', partnerId: ID.partner };
const INDIRECT: Chain = { model: 'indirect', providerId: ID.provider, resellerId: ID.reseller, supportContact: 'provider' };
const OFFER = { id: 'tidewater', publisherId: ID.publisher };

type AskerPart = 'customer' | 'partner' | 'provider' | 'reseller' | 'publisher' | 'operator';
const ASKERS: Record<AskerPart, RoutingFacts['asker']> = {
  customer: { orgId: ID.customer, kind: 'customer', partnerModel: null },
  partner: { orgId: ID.partner, kind: 'partner', partnerModel: 'direct' },
  provider: { orgId: ID.provider, kind: 'partner', partnerModel: 'indirect_provider' },
  reseller: { orgId: ID.reseller, kind: 'partner', partnerModel: 'indirect_reseller' },
  publisher: { orgId: ID.publisher, kind: 'publisher', partnerModel: null },
  operator: { orgId: ID.operator, kind: 'operator', partnerModel: null },
};

type PreferenceCase = PartnerPreference | 'none';
const PREFERENCE_CASES: readonly PreferenceCase[] = [...PARTNER_PREFERENCES, 'none'];

function factsOf(over: Partial<RoutingFacts> & Pick<RoutingFacts, 'category' | 'asker'>): RoutingFacts {
  return {
    severity: 'moderate', customerId: ID.customer, chain: DIRECT, offer: OFFER, operatorId: ID.operator,
    preference: { value: 'forward', source: 'none' }, split: defaultSplit(), openIncidentId: null, ...over,
  };
}

function preferenceOf(p: PreferenceCase): RoutingFacts['preference'] {
  // 'none' carries a value other than forward, to show that it is ignored.
  return p === 'none' ? { value: 'tier1', source: 'none' } : { value: p, source: 'offer' };
}

function routed(d: RoutingDecision): Extract<RoutingDecision, { routable: true }> {
  assert.ok(d.routable, `expected a routable decision, got ${d.routable ? '' : d.reason}`);
  return d;
}

/** What the matrix expects, in parts: responsible, first holder, escalation path, or a refusal. */
type Expected = { responsible: Part; holder: Part; path: Part[] } | { refused: string };

/**
 * The matrix with the default split, written out by hand from SPEC section 4 and the rules block
 * of routing.ts; only a customer's technical cases depend on the preference, in `technicalFromCustomer`.
 */
const MATRIX: Record<'direct' | 'indirect', Partial<Record<AskerPart, Record<CategoryGroup, Expected | 'by_preference'>>>> = {
  direct: {
    customer: {
      partner: { responsible: 'partner', holder: 'partner', path: ['operator'] },
      technical: 'by_preference',
      csp_program: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      commerce_platform: { responsible: 'operator', holder: 'partner', path: ['operator'] },
    },
    partner: {
      partner: { responsible: 'partner', holder: 'partner', path: ['operator'] },
      technical: { responsible: 'publisher', holder: 'publisher', path: [] },
      csp_program: { responsible: 'publisher', holder: 'publisher', path: [] },
      commerce_platform: { responsible: 'operator', holder: 'operator', path: [] },
    },
    publisher: {
      partner: { responsible: 'partner', holder: 'partner', path: ['operator'] },
      technical: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      csp_program: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      commerce_platform: { responsible: 'operator', holder: 'operator', path: [] },
    },
    operator: {
      partner: { responsible: 'partner', holder: 'partner', path: [] },
      technical: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      csp_program: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      commerce_platform: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
    },
  },
  indirect: {
    customer: {
      partner: { responsible: 'reseller', holder: 'reseller', path: ['provider', 'operator'] },
      technical: 'by_preference',
      csp_program: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      commerce_platform: { responsible: 'operator', holder: 'provider', path: ['operator'] },
    },
    reseller: {
      partner: { responsible: 'reseller', holder: 'reseller', path: ['provider', 'operator'] },
      technical: { responsible: 'publisher', holder: 'publisher', path: [] },
      csp_program: { responsible: 'publisher', holder: 'publisher', path: [] },
      commerce_platform: { responsible: 'operator', holder: 'provider', path: ['operator'] },
    },
    provider: {
      partner: { responsible: 'reseller', holder: 'reseller', path: ['operator'] },
      technical: { responsible: 'publisher', holder: 'publisher', path: [] },
      csp_program: { responsible: 'publisher', holder: 'publisher', path: [] },
      commerce_platform: { responsible: 'operator', holder: 'operator', path: [] },
    },
    publisher: {
      partner: { responsible: 'reseller', holder: 'reseller', path: ['provider', 'operator'] },
      technical: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      csp_program: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      commerce_platform: { responsible: 'operator', holder: 'operator', path: [] },
    },
    operator: {
      partner: { responsible: 'reseller', holder: 'reseller', path: ['provider'] },
      technical: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      csp_program: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
      commerce_platform: { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' },
    },
  },
};

/** A customer's technical case: the customer-facing partner (direct partner or reseller) by preference. */
function technicalFromCustomer(model: 'direct' | 'indirect', category: SupportCategory, preference: PreferenceCase): Expected {
  const partner: Part = model === 'direct' ? 'partner' : 'reseller';
  if (preference === 'tier1' && category === 'technical_howto') {
    return { responsible: 'publisher', holder: partner, path: model === 'indirect' ? ['provider'] : [] };
  }
  return { responsible: 'publisher', holder: 'publisher', path: [] };
}

describe('decideRouting: the matrix (every category × model × preference × asker)', () => {
  for (const model of ['direct', 'indirect'] as const) {
    for (const [askerPart, byGroup] of Object.entries(MATRIX[model]) as [AskerPart, Record<CategoryGroup, Expected | 'by_preference'>][]) {
      for (const category of SUPPORT_CATEGORIES) {
        for (const preference of PREFERENCE_CASES) {
          const cell = byGroup[categoryGroupOf(category)];
          const expected = cell === 'by_preference' ? technicalFromCustomer(model, category, preference) : cell;
          const outcome = 'refused' in expected
            ? `refuses with ${expected.refused}`
            : `makes the ${expected.responsible} responsible, the ${expected.holder} first holder, path [${expected.path.join(', ')}]`;
          it(`${model}, ${askerPart} asks ${category} (preference ${preference}): ${outcome}`, () => {
            const d = decideRouting(factsOf({
              category, asker: ASKERS[askerPart], chain: model === 'direct' ? DIRECT : INDIRECT, preference: preferenceOf(preference),
            }));
            if ('refused' in expected) {
              assert.equal(d.routable, false);
              if (!d.routable) assert.equal(d.reason, expected.refused);
              return;
            }
            const r = routed(d);
            assert.equal(r.responsible.orgId, ID[expected.responsible]);
            assert.equal(r.responsible.kind, RESPONSIBLE_KIND[category]);
            assert.equal(r.firstHolderId, ID[expected.holder]);
            assert.deepEqual(r.escalationPath, expected.path.map((p) => ID[p]));
          });
        }
      }
    }
  }
});

/**
 * Who takes part, with the default split, written out by hand from SPEC section 5: the customer
 * in customer-facing categories or when it asks; the direct partner, or the reseller and its
 * provider, in every category; the publisher in technical and CSP program cases; the operator in
 * commerce platform cases and the cases it asks — never for being the last escalation tier.
 * A refused cell is null (the matrix above says why).
 */
const PARTICIPANTS: Record<'direct' | 'indirect', Partial<Record<AskerPart, Record<CategoryGroup, Part[] | null>>>> = {
  direct: {
    customer: {
      partner: ['customer', 'partner'],
      technical: ['customer', 'partner', 'publisher'],
      csp_program: null,
      commerce_platform: ['customer', 'partner', 'operator'],
    },
    partner: {
      partner: ['partner', 'customer'],
      technical: ['partner', 'customer', 'publisher'],
      csp_program: ['partner', 'publisher'],
      commerce_platform: ['partner', 'operator'],
    },
    publisher: {
      partner: ['publisher', 'customer', 'partner'],
      technical: null,
      csp_program: null,
      commerce_platform: ['publisher', 'partner', 'operator'],
    },
    operator: { partner: ['operator', 'customer', 'partner'], technical: null, csp_program: null, commerce_platform: null },
  },
  indirect: {
    customer: {
      partner: ['customer', 'reseller', 'provider'],
      technical: ['customer', 'reseller', 'provider', 'publisher'],
      csp_program: null,
      commerce_platform: ['customer', 'reseller', 'provider', 'operator'],
    },
    reseller: {
      partner: ['reseller', 'customer', 'provider'],
      technical: ['reseller', 'customer', 'provider', 'publisher'],
      csp_program: ['reseller', 'provider', 'publisher'],
      commerce_platform: ['reseller', 'provider', 'operator'],
    },
    provider: {
      partner: ['provider', 'customer', 'reseller'],
      technical: ['provider', 'customer', 'reseller', 'publisher'],
      csp_program: ['provider', 'reseller', 'publisher'],
      commerce_platform: ['provider', 'reseller', 'operator'],
    },
    publisher: {
      partner: ['publisher', 'customer', 'reseller', 'provider'],
      technical: null,
      csp_program: null,
      commerce_platform: ['publisher', 'reseller', 'provider', 'operator'],
    },
    operator: { partner: ['operator', 'customer', 'reseller', 'provider'], technical: null, csp_program: null, commerce_platform: null },
  },
};

const sortedParts = (parts: readonly Part[]) => parts.map((p) => ID[p]).sort();

describe('decideRouting: who takes part (every category × model × preference × asker)', () => {
  for (const model of ['direct', 'indirect'] as const) {
    for (const [askerPart, byGroup] of Object.entries(PARTICIPANTS[model]) as [AskerPart, Record<CategoryGroup, Part[] | null>][]) {
      for (const category of SUPPORT_CATEGORIES) {
        const expected = byGroup[categoryGroupOf(category)];
        if (expected === null) continue;
        for (const preference of PREFERENCE_CASES) {
          it(`${model}, ${askerPart} asks ${category} (preference ${preference}): ${expected.join(', ')} take part`, () => {
            const r = routed(decideRouting(factsOf({
              category, asker: ASKERS[askerPart], chain: model === 'direct' ? DIRECT : INDIRECT, preference: preferenceOf(preference),
            })));
            assert.deepEqual(r.participants.map((p) => p.orgId).sort(), sortedParts(expected));
            for (const p of r.participants) {
              const part = (Object.keys(ID) as Part[]).find((k) => ID[k] === p.orgId);
              assert.equal(p.role, part, `${p.orgId} takes part as its own part`);
            }
          });
        }
      }
    }
  }

  it('keeps the provider on its reseller\'s customer\'s technical case whatever the split, and says why', () => {
    const resellerOnly = defaultSplit().map((r) => ({ ...r, firstContact: 'reseller' as const, handler: 'reseller' as const }));
    const r = routed(decideRouting(factsOf({ category: 'technical_breakfix', asker: ASKERS.customer, chain: INDIRECT, split: resellerOnly })));
    assert.ok(r.participants.some((p) => p.orgId === ID.provider && p.role === 'provider'));
    const why = r.rules.find((x) => x.code === 'PROVIDER_TAKES_PART');
    assert.ok(why, 'a rule explains why the provider takes part');
    assert.match(why.en, /provider of record takes part/);
    assert.match(why.ko, /공급자는/);
  });

  it('does not explain the provider\'s part again when it holds the case or is its escalation tier', () => {
    const holds = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.reseller, chain: INDIRECT })));
    const tier = routed(decideRouting(factsOf({ category: 'billing', asker: ASKERS.customer, chain: INDIRECT })));
    for (const r of [holds, tier]) assert.ok(!r.rules.some((x) => x.code === 'PROVIDER_TAKES_PART'));
  });

  it('names the operator as the last tier of a billing case without making it a participant, and says when it joins', () => {
    const r = routed(decideRouting(factsOf({ category: 'billing', asker: ASKERS.customer, chain: DIRECT })));
    assert.deepEqual(r.escalationPath, [ID.operator]);
    assert.ok(!r.participants.some((p) => p.orgId === ID.operator));
    const why = r.rules.find((x) => x.code === 'ESCALATION_TO_OPERATOR')!;
    assert.match(why.en, /only once the case is escalated to it/);
    assert.match(why.ko, /에스컬레이션된 뒤에야/);
  });

  it('makes the operator a participant of a commerce case it is the last tier of', () => {
    const r = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.customer, chain: INDIRECT })));
    assert.deepEqual(r.escalationPath, [ID.operator]);
    assert.ok(r.participants.some((p) => p.orgId === ID.operator && p.role === 'operator'));
    assert.doesNotMatch(r.rules.find((x) => x.code === 'ESCALATION_TO_OPERATOR')!.en, /only once/);
  });
});

/** Askers of a commerce case with neither subscription nor offer, and what becomes of it (SPEC section 4). */
const WITHOUT_EITHER: [string, RoutingFacts['asker'], { to: 'operator'; rule: string } | { refused: string }][] = [
  ['a direct partner', ASKERS.partner, { to: 'operator', rule: 'COMMERCE_WITHOUT_SUBSCRIPTION' }],
  ['a provider', ASKERS.provider, { to: 'operator', rule: 'COMMERCE_WITHOUT_SUBSCRIPTION' }],
  ['a reseller', ASKERS.reseller, { to: 'operator', rule: 'COMMERCE_WITHOUT_SUBSCRIPTION' }],
  ['a partner of no known model', { orgId: 'org_new_partner', kind: 'partner', partnerModel: null }, { to: 'operator', rule: 'COMMERCE_WITHOUT_SUBSCRIPTION' }],
  ['a publisher', ASKERS.publisher, { to: 'operator', rule: 'COMMERCE_WITHOUT_SUBSCRIPTION' }],
  ['a customer', ASKERS.customer, { refused: 'SUBSCRIPTION_REQUIRED' }],
  ['the operator', ASKERS.operator, { refused: 'CATEGORY_NOT_ALLOWED_FOR_ASKER' }],
];

describe('decideRouting: commerce questions with neither subscription nor offer', () => {
  for (const [who, asker, expected] of WITHOUT_EITHER) {
    const outcome = 'refused' in expected ? `refuses with ${expected.refused}` : 'goes to the operator, and only the two take part';
    it(`${who}: ${outcome}`, () => {
      const d = decideRouting(factsOf({
        category: 'commerce_platform', asker, chain: null, offer: null, customerId: asker.kind === 'customer' ? asker.orgId : null, split: null,
      }));
      if ('refused' in expected) {
        assert.equal(!d.routable && d.reason, expected.refused);
        return;
      }
      const r = routed(d);
      assert.deepEqual([r.responsible.orgId, r.responsible.kind, r.firstHolderId, r.escalationPath], [ID.operator, 'operator', ID.operator, []]);
      assert.deepEqual(r.participants.map((p) => p.orgId).sort(), [asker.orgId, ID.operator].sort());
      assert.ok(r.rules.some((x) => x.code === expected.rule), JSON.stringify(r.rules.map((x) => x.code)));
      assert.ok(!r.rules.some((x) => x.code === 'SPLIT_DEFAULT'), 'no split is involved');
    });
  }

  it('tells a customer that its partner is its first contact for commerce too', () => {
    const d = decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.customer, chain: null, offer: null }));
    assert.match(d.rules.at(-1)!.en, /asks its partner first/);
    assert.match(d.rules.at(-1)!.ko, /먼저 파트너에게/);
  });

  it('says in English and Korean that the reseller asks the operator directly', () => {
    const r = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.reseller, chain: null, offer: null, customerId: null })));
    const why = r.rules.find((x) => x.code === 'COMMERCE_WITHOUT_SUBSCRIPTION')!;
    assert.match(why.en, /the reseller asks the operator directly about onboarding/);
    assert.match(why.ko, /재판매인은 온보딩/);
  });

  it('keeps a customer that the partner names out of the partner\'s own commerce question', () => {
    const r = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.partner, chain: null, offer: null })));
    assert.ok(!r.participants.some((p) => p.orgId === ID.customer));
    assert.ok(r.rules.some((x) => x.code === 'CUSTOMER_NOT_PARTICIPANT'));
  });

  for (const category of SUPPORT_CATEGORIES.filter((c) => c !== 'commerce_platform')) {
    it(`still refuses ${category} with neither from a partner or publisher (NO_SUBSCRIPTION_OR_OFFER)`, () => {
      for (const asker of [ASKERS.partner, ASKERS.reseller, ASKERS.publisher]) {
        const d = decideRouting(factsOf({ category, asker, chain: null, offer: null, customerId: null }));
        assert.equal(!d.routable && d.reason, 'NO_SUBSCRIPTION_OR_OFFER');
      }
    });
  }
});

describe('decideRouting: refusals', () => {
  it('refuses a case with neither a subscription nor an offer (NO_SUBSCRIPTION_OR_OFFER)', () => {
    const d = decideRouting(factsOf({ category: 'billing', asker: ASKERS.customer, chain: null, offer: null }));
    assert.deepEqual([d.routable, !d.routable && d.reason], [false, 'NO_SUBSCRIPTION_OR_OFFER']);
  });

  it('checks NO_SUBSCRIPTION_OR_OFFER before whether the asker may ask the category', () => {
    const d = decideRouting(factsOf({ category: 'csp_program', asker: ASKERS.customer, chain: null, offer: null }));
    assert.equal(!d.routable && d.reason, 'NO_SUBSCRIPTION_OR_OFFER');
  });

  for (const category of ['technical_howto', 'technical_breakfix', 'service_outage', 'csp_program'] as const) {
    it(`refuses ${category} without an offer (OFFER_REQUIRED)`, () => {
      const d = decideRouting(factsOf({ category, asker: ASKERS.reseller, chain: INDIRECT, offer: null }));
      assert.equal(!d.routable && d.reason, 'OFFER_REQUIRED');
    });
  }

  for (const category of ['billing', 'payment', 'subscription', 'account_setup', 'commerce_platform'] as const) {
    it(`refuses a customer's ${category} case without a subscription (SUBSCRIPTION_REQUIRED)`, () => {
      const d = decideRouting(factsOf({ category, asker: ASKERS.customer, chain: null }));
      assert.equal(!d.routable && d.reason, 'SUBSCRIPTION_REQUIRED');
    });
  }

  it('refuses a reseller\'s commerce case about an offer without its subscription: its provider is unknown (SUBSCRIPTION_REQUIRED)', () => {
    const d = decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.reseller, chain: null }));
    assert.equal(!d.routable && d.reason, 'SUBSCRIPTION_REQUIRED');
    assert.match(d.rules.at(-1)!.en, /through its provider/);
  });

  it('lets a direct partner raise a commerce case about an offer without a subscription', () => {
    const r = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.partner, chain: null })));
    assert.equal(r.firstHolderId, ID.operator);
  });

  it('refuses a publisher\'s partner-category question without a subscription (SUBSCRIPTION_REQUIRED)', () => {
    const d = decideRouting(factsOf({ category: 'payment', asker: ASKERS.publisher, chain: null }));
    assert.equal(!d.routable && d.reason, 'SUBSCRIPTION_REQUIRED');
  });

  it('refuses csp_program from a customer, saying partners ask it', () => {
    const d = decideRouting(factsOf({ category: 'csp_program', asker: ASKERS.customer }));
    assert.equal(!d.routable && d.reason, 'CATEGORY_NOT_ALLOWED_FOR_ASKER');
    assert.match(d.rules.at(-1)!.en, /asked by partners/);
  });

  it('refuses a technical case from the operator and points to the publisher\'s support contact', () => {
    const d = decideRouting(factsOf({ category: 'technical_breakfix', asker: ASKERS.operator }));
    assert.equal(!d.routable && d.reason, 'CATEGORY_NOT_ALLOWED_FOR_ASKER');
    assert.match(d.rules.at(-1)!.en, /publisher's support contact/);
    assert.match(d.rules.at(-1)!.ko, /게시자의 지원 담당자/);
  });

  it('refuses a partner that is not of record on the subscription (ASKER_NOT_A_PARTY)', () => {
    const d = decideRouting(factsOf({ category: 'billing', asker: ASKERS.reseller, chain: DIRECT }));
    assert.equal(!d.routable && d.reason, 'ASKER_NOT_A_PARTY');
  });

  it('refuses a customer asking about another customer (ASKER_NOT_A_PARTY)', () => {
    const d = decideRouting(factsOf({ category: 'billing', asker: ASKERS.customer, customerId: 'org_other_customer' }));
    assert.equal(!d.routable && d.reason, 'ASKER_NOT_A_PARTY');
  });

  it('refuses a publisher asking about another publisher\'s offer (ASKER_NOT_A_PARTY)', () => {
    const d = decideRouting(factsOf({ category: 'commerce_platform', asker: { ...ASKERS.publisher, orgId: 'org_other_publisher' } }));
    assert.equal(!d.routable && d.reason, 'ASKER_NOT_A_PARTY');
  });
});

describe('decideRouting: the split', () => {
  const split = (rules: SplitRule[]) => defaultSplit().map((d) => rules.find((r) => r.category === d.category) ?? d);

  it('makes the split\'s handler responsible and its first contact the customer\'s first holder', () => {
    const r = routed(decideRouting(factsOf({
      category: 'billing', asker: ASKERS.customer, chain: INDIRECT,
      split: split([{ category: 'billing', firstContact: 'reseller', handler: 'provider' }]),
    })));
    assert.deepEqual([r.responsible.orgId, r.firstHolderId, r.escalationPath], [ID.provider, ID.reseller, [ID.provider, ID.operator]]);
  });

  it('sends a reseller\'s billing question to the provider when the provider handles billing', () => {
    const r = routed(decideRouting(factsOf({
      category: 'billing', asker: ASKERS.reseller, chain: INDIRECT,
      split: split([{ category: 'billing', firstContact: 'reseller', handler: 'provider' }]),
    })));
    assert.deepEqual([r.responsible.orgId, r.firstHolderId, r.escalationPath], [ID.provider, ID.provider, [ID.operator]]);
  });

  it('puts a tier1 how-to case with the provider when the provider is first contact, with nowhere to escalate', () => {
    const r = routed(decideRouting(factsOf({
      category: 'technical_howto', asker: ASKERS.customer, chain: INDIRECT, preference: { value: 'tier1', source: 'default' },
      split: split([{ category: 'technical_howto', firstContact: 'provider', handler: 'provider' }]),
    })));
    assert.deepEqual([r.firstHolderId, r.escalationPath], [ID.provider, []]);
    assert.ok(r.participants.some((p) => p.orgId === ID.reseller && p.role === 'reseller'), 'the reseller stays on its customer\'s case');
  });

  it('keeps commerce_platform with the provider whatever a split says', () => {
    const r = routed(decideRouting(factsOf({
      category: 'commerce_platform', asker: ASKERS.customer, chain: INDIRECT,
      split: [{ category: 'commerce_platform', firstContact: 'reseller', handler: 'reseller' }],
    })));
    assert.deepEqual([r.firstHolderId, r.escalationPath], [ID.provider, [ID.operator]]);
  });

  it('applies the default split, and says so, when none is known', () => {
    const r = routed(decideRouting(factsOf({ category: 'payment', asker: ASKERS.customer, chain: INDIRECT, split: null })));
    assert.equal(r.firstHolderId, ID.reseller);
    assert.equal(r.rules[0]!.code, 'SPLIT_DEFAULT');
  });

  it('names the customer-facing partner of a category from the split', () => {
    assert.deepEqual(customerFacingPartnerOf('technical_breakfix', INDIRECT, split([{ category: 'technical_breakfix', firstContact: 'provider', handler: 'reseller' }])),
      { orgId: ID.provider, position: 'provider' });
    assert.deepEqual(customerFacingPartnerOf('billing', DIRECT, null), { orgId: ID.partner, position: 'partner' });
  });
});

describe('decideRouting: preferences and rules', () => {
  it('applies forward when the partner has no preference, and a rule says so', () => {
    const r = routed(decideRouting(factsOf({ category: 'technical_breakfix', asker: ASKERS.customer, preference: { value: 'direct', source: 'none' } })));
    assert.deepEqual(r.rules.map((x) => x.code), ['RESPONSIBLE_PUBLISHER', 'FIRST_CONTACT_PARTNER', 'PREFERENCE_NONE', 'PREFERENCE_FORWARD', 'NO_ESCALATION_TO_OPERATOR']);
  });

  it('says that a default preference came from the partner-wide default', () => {
    const r = routed(decideRouting(factsOf({ category: 'service_outage', asker: ASKERS.customer, preference: { value: 'tier1', source: 'default' } })));
    assert.deepEqual(r.rules.map((x) => x.code).slice(2, 4), ['PREFERENCE_DEFAULT', 'PREFERENCE_TIER1_FORWARDED']);
  });

  it('keeps the partner on a direct-preference case as a participant that watches', () => {
    const r = routed(decideRouting(factsOf({ category: 'technical_howto', asker: ASKERS.customer, preference: { value: 'direct', source: 'offer' } })));
    assert.equal(r.firstHolderId, ID.publisher);
    assert.ok(r.participants.some((p) => p.orgId === ID.partner && p.role === 'partner'));
  });

  it('sends a customer\'s technical case about an offer without a subscription to the publisher', () => {
    const r = routed(decideRouting(factsOf({ category: 'technical_howto', asker: ASKERS.customer, chain: null, preference: { value: 'tier1', source: 'offer' } })));
    assert.equal(r.firstHolderId, ID.publisher);
    assert.ok(r.rules.some((x) => x.code === 'NO_PARTNER_OF_RECORD'));
  });

  it('uses the right Korean particle after a party name', () => {
    const r = routed(decideRouting(factsOf({ category: 'billing', asker: ASKERS.customer, chain: INDIRECT })));
    assert.match(r.rules.find((x) => x.code === 'RESPONSIBLE_PARTNER_SPLIT')!.ko, /재판매인이 처리자/);
  });
});

describe('decideRouting: participants and incidents', () => {
  it('names each participant once, with its part: customer, reseller, provider, publisher', () => {
    const r = routed(decideRouting(factsOf({
      category: 'technical_howto', asker: ASKERS.customer, chain: INDIRECT, preference: { value: 'tier1', source: 'offer' },
    })));
    assert.deepEqual(r.participants, [
      { orgId: ID.customer, role: 'customer' }, { orgId: ID.reseller, role: 'reseller' },
      { orgId: ID.provider, role: 'provider' }, { orgId: ID.publisher, role: 'publisher' },
    ]);
  });

  it('keeps the customer out of a commerce case the channel raises', () => {
    const r = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.reseller, chain: INDIRECT })));
    assert.deepEqual(r.participants.map((p) => p.role), ['reseller', 'provider', 'operator']);
    assert.ok(r.rules.some((x) => x.code === 'CUSTOMER_NOT_PARTICIPANT'));
  });

  it('puts the operator on a commerce case a customer opens', () => {
    const r = routed(decideRouting(factsOf({ category: 'commerce_platform', asker: ASKERS.customer })));
    assert.deepEqual(r.participants.map((p) => p.role), ['customer', 'partner', 'operator']);
  });

  it('links a technical case to the offer\'s open incident, and says so', () => {
    const r = routed(decideRouting(factsOf({ category: 'service_outage', asker: ASKERS.customer, openIncidentId: 'inc_1' })));
    assert.equal(r.incidentId, 'inc_1');
    assert.equal(r.rules.at(-1)!.code, 'INCIDENT_LINKED');
  });

  it('does not link a billing case to an open incident', () => {
    const r = routed(decideRouting(factsOf({ category: 'billing', asker: ASKERS.customer, openIncidentId: 'inc_1' })));
    assert.equal(r.incidentId, null);
  });
});

// ---- Properties over arbitrary facts ----

const STRANGER = { partner: 'org_stranger_partner', customer: 'org_other_customer', publisher: 'org_other_publisher' };
const MODELS: readonly (PartnerModel | null)[] = ['direct', 'indirect_provider', 'indirect_reseller', null];

const askerArb: fc.Arbitrary<RoutingFacts['asker']> = fc.oneof(
  fc.constantFrom(ID.customer, STRANGER.customer).map((orgId) => ({ orgId, kind: 'customer' as OrgKind, partnerModel: null })),
  fc.tuple(fc.constantFrom(ID.partner, ID.provider, ID.reseller, STRANGER.partner), fc.constantFrom(...MODELS))
    .map(([orgId, partnerModel]) => ({ orgId, kind: 'partner' as OrgKind, partnerModel })),
  fc.constantFrom(ID.publisher, STRANGER.publisher).map((orgId) => ({ orgId, kind: 'publisher' as OrgKind, partnerModel: null })),
  fc.constant({ orgId: ID.operator, kind: 'operator' as OrgKind, partnerModel: null }),
);
const chainArb: fc.Arbitrary<Chain | null> = fc.oneof(
  fc.constant(null), fc.constant(DIRECT),
  fc.constantFrom('provider' as const, 'reseller' as const).map((supportContact) => ({ ...INDIRECT, supportContact })),
);
const splitRuleArb: fc.Arbitrary<SplitRule> = fc.record({
  category: fc.constantFrom(...SUPPORT_CATEGORIES),
  firstContact: fc.constantFrom('provider' as const, 'reseller' as const),
  handler: fc.constantFrom('provider' as const, 'reseller' as const),
});
const factsArb: fc.Arbitrary<RoutingFacts> = fc.record({
  category: fc.constantFrom(...SUPPORT_CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  asker: askerArb,
  customerId: fc.constantFrom(null, ID.customer, STRANGER.customer),
  chain: chainArb,
  offer: fc.constantFrom(null, OFFER),
  operatorId: fc.constant(ID.operator),
  preference: fc.record({ value: fc.constantFrom(...PARTNER_PREFERENCES), source: fc.constantFrom('offer' as const, 'default' as const, 'none' as const) }),
  split: fc.option(fc.array(splitRuleArb, { maxLength: 12 }), { nil: null }),
  openIncidentId: fc.constantFrom(undefined, null, 'inc_1'),
});

const RUNS = { numRuns: 2000 };
const isTechnical = (c: SupportCategory) => categoryGroupOf(c) === 'technical';
const chainIds = (chain: Chain | null) => !chain ? [] : chain.model === 'direct' ? [chain.partnerId] : [chain.providerId, chain.resellerId];

describe('decideRouting: properties over arbitrary facts', () => {
  it('names exactly one responsible organization of the category\'s kind when routable', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable) return;
      assert.equal(typeof d.responsible.orgId, 'string');
      assert.equal(d.responsible.kind, RESPONSIBLE_KIND[facts.category]);
    }), RUNS);
  });

  it('makes responsible someone of the chain, the offer\'s publisher or the operator', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable) return;
      const allowed = d.responsible.kind === 'partner' ? chainIds(facts.chain)
        : d.responsible.kind === 'publisher' ? [facts.offer?.publisherId] : [facts.operatorId];
      assert.ok(allowed.includes(d.responsible.orgId), `${d.responsible.orgId} is not a ${d.responsible.kind} of the chain`);
    }), RUNS);
  });

  it('never lets the operator own, hold, be escalated to, or take part in a technical case', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable || !isTechnical(facts.category)) return;
      assert.notEqual(d.responsible.orgId, facts.operatorId);
      assert.notEqual(d.firstHolderId, facts.operatorId);
      assert.ok(!d.escalationPath.includes(facts.operatorId));
      assert.ok(!d.participants.some((p) => p.orgId === facts.operatorId));
    }), RUNS);
  });

  it('never makes a publisher own billing, payment or subscription', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable || !['billing', 'payment', 'subscription'].includes(facts.category)) return;
      assert.notEqual(d.responsible.kind, 'publisher');
      assert.notEqual(d.responsible.orgId, facts.offer?.publisherId);
    }), RUNS);
  });

  it('makes the responsible, the first holder and every escalation step but the operator participants, each named once', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable) return;
      const ids = d.participants.map((p) => p.orgId);
      assert.equal(new Set(ids).size, ids.length);
      const steps = d.escalationPath.filter((id) => id !== facts.operatorId);
      for (const id of [d.responsible.orgId, d.firstHolderId, ...steps]) assert.ok(ids.includes(id), `${id} is not a participant`);
      assert.ok(ids.includes(facts.asker.orgId), 'the asker takes part');
      assert.ok(!d.escalationPath.includes(d.firstHolderId));
    }), RUNS);
  });

  it('makes the operator a participant exactly of commerce cases and the cases it asks', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable) return;
      const expected = facts.category === 'commerce_platform' || facts.asker.orgId === facts.operatorId;
      assert.equal(d.participants.some((p) => p.orgId === facts.operatorId), expected);
    }), RUNS);
  });

  it('makes every partner of record a participant, in every category', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable) return;
      for (const id of chainIds(facts.chain)) assert.ok(d.participants.some((p) => p.orgId === id), `${id} of the chain does not take part`);
    }), RUNS);
  });

  it('routes a commerce case with neither subscription nor offer only from a partner or publisher, to the operator', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      if (facts.category !== 'commerce_platform' || facts.chain !== null || facts.offer !== null) return;
      const d = decideRouting(facts);
      assert.equal(d.routable, facts.asker.kind === 'partner' || facts.asker.kind === 'publisher');
      if (d.routable) assert.equal(d.firstHolderId, facts.operatorId);
    }), RUNS);
  });

  it('always gives rules, each with a code and English and Korean text', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      assert.ok(d.rules.length > 0);
      for (const r of d.rules) {
        assert.match(r.code, /^[A-Z][A-Z0-9_]+$/);
        assert.ok(r.en.length > 0);
        assert.match(r.ko, /[\uac00-\ud7a3]/);
      }
      if (!d.routable) assert.equal(d.rules.at(-1)!.code, d.reason);
    }), RUNS);
  });

  it('links only technical cases to an open incident', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const d = decideRouting(facts);
      if (!d.routable) return;
      assert.equal(d.incidentId, isTechnical(facts.category) && facts.openIncidentId ? facts.openIncidentId : null);
    }), RUNS);
  });

  it('decides the same way twice and leaves the facts as they were', () => {
    fc.assert(fc.property(factsArb, (facts) => {
      const before = JSON.stringify(facts);
      assert.deepEqual(decideRouting(facts), decideRouting(facts));
      assert.equal(JSON.stringify(facts), before);
    }), RUNS);
  });
});
