import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  availabilityFor, AVAILABILITY_REASONS, commitmentProblems, contactProblems, CSP_AUDIENCES, decideAudienceChange, decideOfferAccess,
  decidePurchasability, explainBlocker, isAuthorizedSeller, isExclusiveFor, isValidOfferId, isValidTimeZone, marketplaceRefusal,
  mayBuyForCustomers, mayDiscoverOffers, mayOptIn, nextAgreementVersion, planProblems, PURCHASE_BLOCKERS,
  type Commitments, type CspAudience, type OfferAccess, type OfferContacts, type PurchaseFacts,
} from './catalog-rules.ts';
import { ROLES_BY_KIND, type OrgKind, type PartnerRole, type Role } from './parties.ts';

describe('isValidOfferId', () => {
  const cases: [string, boolean][] = [
    ['contoso-backup', true], ['a', true], ['x_1-2', true], ['a'.repeat(50), true],
    ['', false], ['a'.repeat(51), false], ['Contoso', false], ['has space', false], ['dot.ted', false], ['ünï', false], ['slash/x', false],
  ];
  for (const [id, ok] of cases) {
    it(`${ok ? 'accepts' : 'refuses'} ${JSON.stringify(id.length > 20 ? `${id.slice(0, 8)}…(${id.length})` : id)}`, () => {
      assert.equal(isValidOfferId(id), ok);
    });
  }
});

describe('decideAudienceChange', () => {
  const change = (current: CspAudience, currentAuthorized: string[], next: CspAudience, requestedAuthorized: string[], resoldPartnerIds: string[]) =>
    decideAudienceChange({ current, currentAuthorized, next, requestedAuthorized, resoldPartnerIds });

  it('any → specific adds every partner that already resold the offer', () => {
    assert.deepEqual(change('any', [], 'specific', ['p2'], ['p3', 'p1', 'p3']), { ok: true, audience: 'specific', authorizedPartnerIds: ['p1', 'p2', 'p3'] });
  });

  it('specific → none is refused while an authorized partner has resold the offer', () => {
    assert.deepEqual(change('specific', ['p1', 'p2'], 'none', [], ['p2']), { ok: false, reason: 'RESOLD_PARTNER_DEAUTHORIZED', partnerIds: ['p2'] });
  });

  it('specific → none is allowed when no authorized partner has resold the offer', () => {
    assert.deepEqual(change('specific', ['p1'], 'none', [], []), { ok: true, audience: 'none', authorizedPartnerIds: [] });
  });

  it('any → none is refused while any partner has resold the offer', () => {
    assert.deepEqual(change('any', [], 'none', [], ['p2', 'p1']), { ok: false, reason: 'RESOLD_PARTNER_DEAUTHORIZED', partnerIds: ['p1', 'p2'] });
  });

  it('any → none is allowed when nobody resold the offer', () => {
    assert.deepEqual(change('any', [], 'none', [], []), { ok: true, audience: 'none', authorizedPartnerIds: [] });
  });

  it('none → none stays none', () => {
    assert.deepEqual(change('none', [], 'none', [], ['p1']), { ok: true, audience: 'none', authorizedPartnerIds: [] });
  });

  it('a specific list that drops a resold partner is refused, naming it', () => {
    assert.deepEqual(change('specific', ['p1', 'p2', 'p3'], 'specific', ['p3'], ['p1', 'p2']), { ok: false, reason: 'RESOLD_PARTNER_DEAUTHORIZED', partnerIds: ['p1', 'p2'] });
  });

  it('a specific list may drop a partner that never resold the offer', () => {
    assert.deepEqual(change('specific', ['p1', 'p2'], 'specific', ['p1'], ['p1']), { ok: true, audience: 'specific', authorizedPartnerIds: ['p1'] });
  });

  it('none → specific takes the requested list as it is', () => {
    assert.deepEqual(change('none', [], 'specific', ['p2', 'p1', 'p1'], []), { ok: true, audience: 'specific', authorizedPartnerIds: ['p1', 'p2'] });
  });

  for (const current of ['any', 'specific', 'none'] as const) {
    it(`${current} → any is always allowed and carries no list`, () => {
      assert.deepEqual(change(current, ['p1'], 'any', [], ['p1']), { ok: true, audience: 'any', authorizedPartnerIds: [] });
    });
  }
});

describe('isAuthorizedSeller', () => {
  const cases: [CspAudience, string[], boolean][] = [
    ['any', [], true], ['any', ['other'], true], ['specific', ['p'], true], ['specific', ['other'], false], ['specific', [], false],
    ['none', ['p'], false], ['none', [], false],
  ];
  for (const [audience, list, ok] of cases) {
    it(`${ok ? 'lets' : 'does not let'} a partner resell under ${audience} with list ${JSON.stringify(list)}`, () => {
      assert.equal(isAuthorizedSeller(audience, list, 'p'), ok);
    });
  }
});

describe('isExclusiveFor', () => {
  const cases: [CspAudience, string[], boolean][] = [
    ['specific', ['p'], true], ['specific', ['other'], false], ['any', ['p'], false], ['none', ['p'], false],
  ];
  for (const [audience, list, exclusive] of cases) {
    it(`is ${exclusive} under ${audience} with list ${JSON.stringify(list)}`, () => {
      assert.equal(isExclusiveFor(audience, list, 'p'), exclusive);
    });
  }
});

describe('contactProblems', () => {
  const full: OfferContacts = {
    support: { name: 's', email: 's@x', phone: '1', website: 'https://x' },
    engineering: { name: 'e', email: 'e@x', phone: '2' },
    cspProgram: { name: 'c', email: 'c@x', phone: '3', marketingMaterialsUrl: 'https://x/m' },
  };
  const fields = (audience: CspAudience, c: Partial<OfferContacts>) => contactProblems(audience, { ...full, ...c }).map((p) => p.field);

  it('finds nothing missing in a complete set', () => {
    for (const audience of ['any', 'specific', 'none'] as const) assert.deepEqual(fields(audience, {}), []);
  });
  it('requires the support contact', () => assert.deepEqual(fields('none', { support: null }), ['contacts.support']));
  it('requires the support website', () => assert.deepEqual(fields('none', { support: { name: 's', email: 's@x', phone: '1' } }), ['contacts.support.website']));
  it('requires the engineering contact', () => assert.deepEqual(fields('none', { engineering: null }), ['contacts.engineering']));
  for (const audience of ['any', 'specific'] as const) {
    it(`requires the CSP program contact while the audience is ${audience}`, () => {
      assert.deepEqual(fields(audience, { cspProgram: null }), ['contacts.cspProgram']);
    });
    it(`requires the marketing-materials URL while the audience is ${audience}`, () => {
      assert.deepEqual(fields(audience, { cspProgram: { name: 'c', email: 'c@x', phone: '3' } }), ['contacts.cspProgram.marketingMaterialsUrl']);
    });
  }
  it('does not require the CSP program contact while the audience is none', () => assert.deepEqual(fields('none', { cspProgram: null }), []));
});

describe('planProblems', () => {
  const plan = { minQuantity: 1, maxQuantity: 10, billingCycles: ['monthly'], terms: ['P1M'], prices: [{ market: 'US', currency: 'USD' }] };
  const fields = (p: Partial<typeof plan>) => planProblems({ ...plan, ...p }).map((x) => x.field);

  it('finds nothing wrong with a consistent plan', () => assert.deepEqual(fields({}), []));
  it('allows min equal to max', () => assert.deepEqual(fields({ minQuantity: 5, maxQuantity: 5 }), []));
  it('refuses a max below the min', () => assert.deepEqual(fields({ minQuantity: 5, maxQuantity: 4 }), ['maxQuantity']));
  it('refuses a billing cycle listed twice', () => assert.deepEqual(fields({ billingCycles: ['monthly', 'monthly'] }), ['billingCycles']));
  it('refuses a term listed twice', () => assert.deepEqual(fields({ terms: ['P1Y', 'P1Y'] }), ['terms']));
  it('refuses a market priced twice, naming it', () => {
    const problems = planProblems({ ...plan, prices: [{ market: 'US', currency: 'USD' }, { market: 'KR', currency: 'KRW' }, { market: 'US', currency: 'EUR' }] });
    assert.deepEqual(problems.map((p) => p.field), ['prices']);
    assert.match(problems[0]!.message, /US/);
  });
});

describe('commitmentProblems', () => {
  const good: Commitments = {
    firstResponseMinutes: { critical: 60, moderate: 240, minimal: 480 },
    resolutionMinutes: { critical: 480, moderate: 2880, minimal: 7200 },
    supportHours: '24x7', timeZone: 'Asia/Seoul',
  };
  const fields = (c: Partial<Commitments>) => commitmentProblems({ ...good, ...c }).map((p) => p.field);

  it('finds nothing wrong with consistent commitments', () => assert.deepEqual(fields({}), []));
  it('allows equal targets across severities and a resolution equal to the first response', () => {
    const same = { critical: 60, moderate: 60, minimal: 60 };
    assert.deepEqual(fields({ firstResponseMinutes: same, resolutionMinutes: same }), []);
  });
  it('refuses a resolution sooner than the first response', () => {
    assert.deepEqual(fields({ resolutionMinutes: { critical: 30, moderate: 2880, minimal: 7200 } }), ['commitments.resolutionMinutes.critical']);
  });
  it('refuses a more severe case promised a slower first response', () => {
    assert.deepEqual(fields({ firstResponseMinutes: { critical: 60, moderate: 500, minimal: 480 } }), ['commitments.firstResponseMinutes.moderate']);
  });
  it('refuses a more severe case promised a slower resolution', () => {
    assert.deepEqual(fields({ resolutionMinutes: { critical: 3000, moderate: 2880, minimal: 7200 } }), ['commitments.resolutionMinutes.critical']);
  });
  it('refuses an unknown time zone', () => assert.deepEqual(fields({ timeZone: 'Mars/Olympus' }), ['commitments.timeZone']));
});

describe('isValidTimeZone', () => {
  const cases: [string, boolean][] = [['UTC', true], ['Asia/Seoul', true], ['America/Los_Angeles', true], ['Mars/Olympus', false], ['', false]];
  for (const [tz, ok] of cases) it(`${ok ? 'knows' : 'does not know'} ${JSON.stringify(tz)}`, () => assert.equal(isValidTimeZone(tz), ok));
});

describe('nextAgreementVersion', () => {
  it('starts at 1', () => assert.equal(nextAgreementVersion([]), 1));
  it('is one past the latest, whatever the order', () => assert.equal(nextAgreementVersion([2, 3, 1]), 4));
  it('is one past the latest even with a gap', () => assert.equal(nextAgreementVersion([1, 5]), 6));
});

describe('decidePurchasability', () => {
  const ok: PurchaseFacts = {
    audience: 'any', authorizedPartnerIds: [], sellerId: 'p', sellerOptedIn: true, sellerHasCustomer: true,
    resellerInGoodStanding: true, customerCountry: 'US', planMarkets: ['US', 'KR'], existingStatuses: [],
    indirectRelationshipActive: true, agreementPublished: true,
  };
  const codes = (f: Partial<PurchaseFacts>) => decidePurchasability({ ...ok, ...f }).map((r) => r.code);

  it('has no reason when everything is in order', () => assert.deepEqual(codes({}), []));
  it('not_available_to_partners: the audience is none (and opt-in is then beside the point)', () => {
    assert.deepEqual(codes({ audience: 'none', sellerOptedIn: false }), ['not_available_to_partners']);
  });
  it('exclusive_to_other_partners: specific and the seller is not listed', () => {
    assert.deepEqual(codes({ audience: 'specific', authorizedPartnerIds: ['other'] }), ['exclusive_to_other_partners']);
  });
  it('a listed seller may buy an exclusive offer', () => assert.deepEqual(codes({ audience: 'specific', authorizedPartnerIds: ['p'] }), []));
  it('not_opted_in: the seller has not opted in', () => assert.deepEqual(codes({ sellerOptedIn: false }), ['not_opted_in']));
  it('no_customer_relationship: the seller has no relationship with the customer', () => {
    assert.deepEqual(codes({ sellerHasCustomer: false }), ['no_customer_relationship']);
  });
  it("market_not_available: the customer's country is not among the plan's markets", () => {
    assert.deepEqual(codes({ customerCountry: 'FR' }), ['market_not_available']);
  });
  for (const status of ['active', 'pending_activation'] as const) {
    it(`already_subscribed: the customer holds it ${status}`, () => assert.deepEqual(codes({ existingStatuses: [status] }), ['already_subscribed']));
  }
  it('a cancelled subscription does not stop a new purchase', () => assert.deepEqual(codes({ existingStatuses: ['cancelled'] }), []));
  it('subscription_suspended: the customer holds it suspended (and is told to reactivate, not that it already has it)', () => {
    assert.deepEqual(codes({ existingStatuses: ['active', 'suspended'] }), ['subscription_suspended']);
  });
  it('reseller_not_in_good_standing: the seller is not in good standing', () => {
    assert.deepEqual(codes({ resellerInGoodStanding: false }), ['reseller_not_in_good_standing']);
  });
  it('no_indirect_relationship: the provider and reseller are not in an active relationship', () => {
    assert.deepEqual(codes({ indirectRelationshipActive: false }), ['no_indirect_relationship']);
  });
  it('no_agreement_published: there is no agreement to accept', () => assert.deepEqual(codes({ agreementPublished: false }), ['no_agreement_published']));
  it('gives every reason at once, in a stable order', () => {
    assert.deepEqual(codes({
      audience: 'specific', authorizedPartnerIds: [], sellerOptedIn: false, sellerHasCustomer: false, customerCountry: 'FR',
      existingStatuses: ['active'], resellerInGoodStanding: false, indirectRelationshipActive: false, agreementPublished: false,
    }), [
      'exclusive_to_other_partners', 'not_opted_in', 'no_customer_relationship', 'market_not_available', 'already_subscribed',
      'reseller_not_in_good_standing', 'no_indirect_relationship', 'no_agreement_published',
    ]);
  });
});

describe('explainBlocker', () => {
  for (const code of PURCHASE_BLOCKERS) {
    it(`explains ${code} in English and Korean`, () => {
      const { message } = explainBlocker(code);
      assert.ok(message.en.length > 10);
      assert.match(message.ko, /[\uAC00-\uD7A3]/);
    });
  }
});

/*
 * Who sees what of an offer, written independently of the rules from SPEC section 2 and the
 * choices of the module comment. One row per partner role, for an offer its organization works
 * cases of and one it doesn't; one cell per (audience, listed) in the order
 * any/listed, any/unlisted, specific/listed, specific/unlisted, none/listed, none/unlisted.
 *   yes     marketplace view, every ISV contact, available to you
 *   excl    marketplace view, every ISV contact, available to you and exclusive
 *   other   marketplace view, every ISV contact, not available: exclusive_to_other_partners
 *   closed  marketplace view, every ISV contact, not available: not_available_to_partners
 *   case+sc the case-work view with the ISV support contact
 *   case    the case-work view without any contact
 *   -       nothing (403)
 */
const MARKETPLACE = 'yes yes excl other closed closed';
const PARTNER_TABLE: Record<PartnerRole, { worked: string; notWorked: string; discover: boolean; buy: boolean; optIn: boolean }> = {
  global_admin: { worked: MARKETPLACE, notWorked: MARKETPLACE, discover: true, buy: true, optIn: true },
  admin_agent: { worked: MARKETPLACE, notWorked: MARKETPLACE, discover: true, buy: true, optIn: true },
  helpdesk_agent: { worked: 'case+sc case+sc case+sc case+sc case+sc case+sc', notWorked: '- - - - - -', discover: false, buy: false, optIn: false },
  sales_agent: { worked: 'case case case case case case', notWorked: '- - - - - -', discover: false, buy: false, optIn: false },
  billing_admin: { worked: 'case case case case case case', notWorked: '- - - - - -', discover: false, buy: false, optIn: false },
  user_admin: { worked: '- - - - - -', notWorked: '- - - - - -', discover: false, buy: false, optIn: false },
};
const CELLS: [CspAudience, boolean][] = [['any', true], ['any', false], ['specific', true], ['specific', false], ['none', true], ['none', false]];

/** The cell code of an access decision, to compare with the table. */
function cellOf(a: OfferAccess): string {
  if (a.view === null) return a.contacts === 'none' && a.availability === null ? '-' : '?';
  if (a.view === 'case_work') {
    if (a.availability !== null || a.authorizedList) return '?';
    return a.contacts === 'support' ? 'case+sc' : a.contacts === 'none' ? 'case' : '?';
  }
  if (a.contacts !== 'all' || a.authorizedList || !a.availability) return '?';
  const { toYou, reason, exclusive } = a.availability;
  if (toYou === true && reason === null) return exclusive ? 'excl' : 'yes';
  if (toYou === false && !exclusive) return reason === 'exclusive_to_other_partners' ? 'other' : reason === 'not_available_to_partners' ? 'closed' : '?';
  return '?';
}

describe('decideOfferAccess: every partner role × audience × listed × works cases of the offer', () => {
  for (const role of ROLES_BY_KIND.partner) {
    for (const worked of [true, false]) {
      const expected = (worked ? PARTNER_TABLE[role].worked : PARTNER_TABLE[role].notWorked).split(' ');
      CELLS.forEach(([audience, listed], i) => {
        it(`${role}, ${worked ? 'works cases of it' : 'works no case of it'}, ${audience}/${listed ? 'listed' : 'unlisted'} → ${expected[i]}`, () => {
          const access = decideOfferAccess({ orgKind: 'partner', roles: [role] }, { audience, listed, ownOffer: false, worksCasesOfOffer: worked });
          assert.equal(cellOf(access), expected[i]);
        });
      });
    }
    it(`${role}: discover ${PARTNER_TABLE[role].discover}, buy ${PARTNER_TABLE[role].buy}, opt in ${PARTNER_TABLE[role].optIn}`, () => {
      const viewer = { orgKind: 'partner' as const, roles: [role] };
      assert.deepEqual([mayDiscoverOffers(viewer), mayBuyForCustomers(viewer), mayOptIn(viewer)], [PARTNER_TABLE[role].discover, PARTNER_TABLE[role].buy, PARTNER_TABLE[role].optIn]);
    });
  }

  it('a user holding several roles gets the widest view any of them gives', () => {
    const facts = { audience: 'any' as const, listed: false, ownOffer: false, worksCasesOfOffer: true };
    const of = (roles: Role[]) => cellOf(decideOfferAccess({ orgKind: 'partner', roles }, facts));
    assert.equal(of(['billing_admin', 'helpdesk_agent']), 'case+sc');
    assert.equal(of(['sales_agent', 'user_admin']), 'case');
    assert.equal(of(['helpdesk_agent', 'admin_agent']), 'yes');
    assert.equal(of([]), '-');
  });

  it('the case-work view is only for partners: a customer, publisher or operator without the marketplace sees nothing', () => {
    for (const orgKind of ['customer', 'publisher', 'operator'] as const) {
      const access = decideOfferAccess({ orgKind, roles: ['helpdesk_agent'] }, { audience: 'any', listed: false, ownOffer: false, worksCasesOfOffer: true });
      assert.equal(access.view, null, orgKind);
    }
  });
});

describe('decideOfferAccess: customers, publishers and the operator keep the marketplace', () => {
  // [kind, role, own offer, contacts, authorized list, toYou]
  const cases: [OrgKind, Role, boolean, OfferAccess['contacts'], boolean][] = [
    ['customer', 'customer_admin', false, 'none', false],
    ['customer', 'customer_user', false, 'none', false],
    ['publisher', 'publisher_admin', true, 'all', true],
    ['publisher', 'support_engineer', true, 'all', true],
    ['publisher', 'publisher_viewer', true, 'all', true],
    ['publisher', 'publisher_admin', false, 'none', false],
    ['publisher', 'support_engineer', false, 'none', false],
    ['publisher', 'publisher_viewer', false, 'none', false],
    ['operator', 'operator_admin', false, 'all', true],
    ['operator', 'commerce_support', false, 'all', true],
  ];
  for (const [orgKind, role, ownOffer, contacts, authorizedList] of cases) {
    for (const worked of [true, false]) {
      it(`${role}${orgKind === 'publisher' ? (ownOffer ? ' of the owning publisher' : ' of another publisher') : ''}${worked ? '' : ', no case or subscription'}: marketplace, contacts ${contacts}, list ${authorizedList}`, () => {
        const access = decideOfferAccess({ orgKind, roles: [role] }, { audience: 'specific', listed: false, ownOffer, worksCasesOfOffer: worked });
        assert.equal(access.view, 'marketplace');
        assert.equal(access.contacts, contacts);
        assert.equal(access.authorizedList, authorizedList);
        assert.deepEqual({ ...access.availability, message: undefined }, { toYou: null, reason: null, exclusive: false, message: undefined });
      });
    }
    it(`${role} discovers offers but buys and opts in for no customer`, () => {
      const viewer = { orgKind, roles: [role] };
      assert.deepEqual([mayDiscoverOffers(viewer), mayBuyForCustomers(viewer), mayOptIn(viewer)], [true, false, false]);
    });
  }
});

describe('availabilityFor', () => {
  // [resells, audience, listed, toYou, reason, exclusive, English sentence]
  const cases: [boolean, CspAudience, boolean, boolean | null, string | null, boolean, string][] = [
    [true, 'any', false, true, null, false, 'Available to your organization to resell.'],
    [true, 'any', true, true, null, false, 'Available to your organization to resell.'],
    [true, 'specific', true, true, null, true, 'Exclusive: only the partners the publisher chose may resell this offer, and you may.'],
    [true, 'specific', false, false, 'exclusive_to_other_partners', false, 'Not available to your organization: this offer is exclusive to other partners.'],
    [true, 'none', false, false, 'not_available_to_partners', false, 'Not available to your organization: the publisher does not offer this product to partners.'],
    [true, 'none', true, false, 'not_available_to_partners', false, 'Not available to your organization: the publisher does not offer this product to partners.'],
    [false, 'any', false, null, null, false, 'Partners may resell this offer.'],
    [false, 'specific', true, null, null, false, 'Exclusive: only the partners the publisher chose may resell this offer.'],
    [false, 'specific', false, null, null, false, 'Exclusive: only the partners the publisher chose may resell this offer.'],
    [false, 'none', false, null, null, false, 'The publisher does not offer this product to partners.'],
  ];
  for (const [resells, audience, listed, toYou, reason, exclusive, en] of cases) {
    it(`${resells ? 'a partner' : 'a viewer who does not resell'}, ${audience}/${listed ? 'listed' : 'unlisted'}: toYou ${toYou}, ${reason ?? 'no reason'}${exclusive ? ', exclusive' : ''}`, () => {
      const a = availabilityFor({ resells }, audience, listed);
      assert.deepEqual([a.toYou, a.reason, a.exclusive, a.message.en], [toYou, reason, exclusive, en]);
      assert.match(a.message.ko, /[\uAC00-\uD7A3]/);
    });
  }

  it('gives its reasons the codes purchasability gives the same facts', () => {
    for (const reason of AVAILABILITY_REASONS) assert.ok((PURCHASE_BLOCKERS as readonly string[]).includes(reason), reason);
    for (const audience of CSP_AUDIENCES) {
      for (const listed of [true, false]) {
        const codes = decidePurchasability({
          audience, authorizedPartnerIds: listed ? ['p'] : ['other'], sellerId: 'p', sellerOptedIn: true, sellerHasCustomer: true,
          resellerInGoodStanding: true, customerCountry: 'US', planMarkets: ['US'], existingStatuses: [],
          indirectRelationshipActive: true, agreementPublished: true,
        }).map((r) => r.code);
        const { reason } = availabilityFor({ resells: true }, audience, listed);
        assert.deepEqual(codes, reason ? [reason] : [], `${audience}/${listed}`);
      }
    }
  });
});

describe('marketplaceRefusal', () => {
  it('names global_admin and admin_agent as the roles that buy, in English and Korean', () => {
    const r = marketplaceRefusal({ orgKind: 'partner', roles: ['helpdesk_agent'] }, 'buy');
    assert.deepEqual(r.allowedRoles, ['global_admin', 'admin_agent']);
    assert.equal(r.message.en, 'Buying offers for customers is for partner roles global_admin and admin_agent; your roles do not allow it.');
    assert.match(r.message.ko, /global_admin, admin_agent/);
    assert.match(r.message.ko, /[\uAC00-\uD7A3]/);
  });

  it('names the same roles for the marketplace and opting in', () => {
    for (const action of ['browse', 'opt_in'] as const) {
      const r = marketplaceRefusal({ orgKind: 'partner', roles: ['user_admin'] }, action);
      assert.deepEqual(r.allowedRoles, ['global_admin', 'admin_agent'], action);
      assert.match(r.message.en, /global_admin and admin_agent/, action);
    }
  });

  it('tells a case role refused the marketplace what it may read instead, and nobody else', () => {
    assert.match(marketplaceRefusal({ orgKind: 'partner', roles: ['helpdesk_agent'] }, 'browse').message.en, /has a subscription of it or a case about it/);
    assert.doesNotMatch(marketplaceRefusal({ orgKind: 'partner', roles: ['user_admin'] }, 'browse').message.en, /subscription/);
    assert.doesNotMatch(marketplaceRefusal({ orgKind: 'partner', roles: ['helpdesk_agent'] }, 'buy').message.en, /subscription/);
  });
});
