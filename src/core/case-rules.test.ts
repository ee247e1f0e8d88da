import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  askerOfRole, attachmentDisposition, CASE_ACTIONS, CASE_RELATIONS, CASE_STATUSES, canReadCases, canWorkCategory, checkAttachment,
  decideCaseAction, decideEscalation, decideForward, etagOf, handBackTargetOf, isTechnicalCategory,
  matchesIfMatch, MAX_ATTACHMENT_BYTES, nextChangeTime, participantRoleOf, relationsOf, sanitizeFileName, sniffBinaryType, transferStackOf,
  type CaseAction, type CaseRelation, type CaseStatus, type Transfer,
} from './case-rules.ts';
import { ALL_ROLES, type Role } from './parties.ts';
import { SUPPORT_CATEGORIES, type SupportCategory } from './support-categories.ts';

/**
 * The expected table, written independently of the implementation: one row per relation, one
 * column per status in CASE_STATUSES order (new, open, pending_customer, pending_party, resolved,
 * closed). `-` refused, `=` allowed without a status change, otherwise the next status.
 */
const S: Record<string, CaseStatus> = { N: 'new', O: 'open', PC: 'pending_customer', PP: 'pending_party', R: 'resolved', C: 'closed' };
const EXPECTED: Record<CaseAction, Record<CaseRelation, string>> = {
  reply: {
    holder: 'O O O O = -',
    customer: '= = O = O -',
    requester: '= = O = O -',
    participant: '= = = = = -',
  },
  reply_awaiting_customer: {
    holder: 'PC PC PC PC - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  note: {
    holder: 'O = = O = -',
    customer: '- - - - - -',
    requester: '= = = = = -',
    participant: '= = = = = -',
  },
  assign: {
    holder: 'O = = O - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  forward: {
    holder: 'PP PP PP PP - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  escalate: {
    holder: 'PP PP PP PP - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  hand_back: {
    holder: 'PP PP PP PP - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  reroute: {
    holder: 'PP PP PP PP - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  resolve: {
    holder: 'R R R R - -',
    customer: '- - - - - -',
    requester: '- - - - - -',
    participant: '- - - - - -',
  },
  reopen: {
    holder: '- - - - O -',
    customer: '- - - - O -',
    requester: '- - - - O -',
    participant: '- - - - - -',
  },
  close: {
    holder: '- - - - C -',
    customer: 'C C C C C -',
    requester: 'C C C C C -',
    participant: '- - - - - -',
  },
  set_external_reference: {
    holder: '= = = = = -',
    customer: '- - - - - -',
    requester: '= = = = = -',
    participant: '= = = = = -',
  },
  attach: {
    holder: '= = = = = -',
    customer: '= = = = = -',
    requester: '= = = = = -',
    participant: '= = = = = -',
  },
  // Bookkeeping: never a status change, and not for the customer (case-history.ts narrows it to the holder and the publisher).
  link_incident: {
    holder: '= = = = = -',
    customer: '- - - - - -',
    requester: '= = = = = -',
    participant: '= = = = = -',
  },
};

function expectedCell(action: CaseAction, relation: CaseRelation, status: CaseStatus): CaseStatus | null {
  const cell = EXPECTED[action][relation].split(' ')[CASE_STATUSES.indexOf(status)]!;
  if (cell === '-') return null;
  return cell === '=' ? status : S[cell]!;
}

describe('decideCaseAction: the whole table, one relation at a time', () => {
  for (const action of CASE_ACTIONS) {
    for (const relation of CASE_RELATIONS) {
      for (const status of CASE_STATUSES) {
        const next = expectedCell(action, relation, status);
        it(`${action} by the ${relation} ${next ? `moves ${status} to ${next}` : `is refused while ${status}`}`, () => {
          const decision = decideCaseAction({ status, action, relations: [relation] });
          if (next) assert.deepEqual(decision, { allowed: true, next, relation });
          else assert.equal(decision.allowed, false);
        });
      }
    }
  }
});

describe('decideCaseAction: why a refusal', () => {
  it('refuses everything on a closed case as final, whoever asks', () => {
    for (const action of CASE_ACTIONS) {
      assert.deepEqual(decideCaseAction({ status: 'closed', action, relations: ['holder', 'requester'] }), { allowed: false, reason: 'closed' });
    }
  });
  it('names the relations that may take an action none of the viewer\'s may', () => {
    assert.deepEqual(decideCaseAction({ status: 'open', action: 'note', relations: ['customer'] }), {
      allowed: false, reason: 'relation', allowedRelations: ['holder', 'requester', 'participant'],
    });
    assert.deepEqual(decideCaseAction({ status: 'open', action: 'forward', relations: ['participant'] }), {
      allowed: false, reason: 'relation', allowedRelations: ['holder'],
    });
  });
  it('names the statuses in which the viewer may take the action when the status is wrong', () => {
    assert.deepEqual(decideCaseAction({ status: 'open', action: 'reopen', relations: ['customer'] }), {
      allowed: false, reason: 'status', allowedStatuses: ['resolved'],
    });
    assert.deepEqual(decideCaseAction({ status: 'resolved', action: 'assign', relations: ['holder'] }), {
      allowed: false, reason: 'status', allowedStatuses: ['new', 'open', 'pending_customer', 'pending_party'],
    });
  });
  it('refuses an organization with no relation (not a participant)', () => {
    assert.equal(decideCaseAction({ status: 'open', action: 'attach', relations: [] }).allowed, false);
  });
});

describe('decideCaseAction: several relations', () => {
  it('lets a holder that is also the requester close an open case as the requester', () => {
    assert.deepEqual(decideCaseAction({ status: 'open', action: 'close', relations: ['holder', 'requester'] }), { allowed: true, next: 'closed', relation: 'requester' });
  });
  it('takes the next status from the strongest relation that allows the action', () => {
    assert.deepEqual(decideCaseAction({ status: 'new', action: 'reply', relations: ['holder', 'requester'] }), { allowed: true, next: 'open', relation: 'holder' });
    assert.deepEqual(decideCaseAction({ status: 'pending_customer', action: 'note', relations: ['holder', 'requester'] }), { allowed: true, next: 'pending_customer', relation: 'holder' });
  });
  it('unions the statuses of every relation when none allows the status', () => {
    assert.deepEqual(decideCaseAction({ status: 'open', action: 'reopen', relations: ['holder', 'requester'] }), {
      allowed: false, reason: 'status', allowedStatuses: ['resolved'],
    });
  });
});

describe('decideCaseAction: a reroute that keeps the holder', () => {
  const cases: [CaseStatus, CaseStatus | null][] = [
    ['new', 'open'], ['open', 'open'], ['pending_customer', 'pending_customer'], ['pending_party', 'open'], ['resolved', null], ['closed', null],
  ];
  for (const [status, next] of cases) {
    it(`${next ? `moves ${status} to ${next}` : `is refused while ${status}`} as the holder acting`, () => {
      const d = decideCaseAction({ status, action: 'reroute', relations: ['holder'], handsOver: false });
      if (next) assert.deepEqual(d, { allowed: true, next, relation: 'holder' });
      else assert.equal(d.allowed, false);
    });
  }
  it('moves to pending_party when it places the case with another holder', () => {
    assert.deepEqual(decideCaseAction({ status: 'open', action: 'reroute', relations: ['holder'], handsOver: true }), { allowed: true, next: 'pending_party', relation: 'holder' });
  });
});

describe('relationsOf', () => {
  const c = { holderOrgId: 'h', requesterOrgId: 'r', isParticipant: true };
  const table: [string, { id: string; kind: 'partner' | 'customer' | 'publisher' }, typeof c, CaseRelation[]][] = [
    ['is the holder', { id: 'h', kind: 'partner' }, c, ['holder']],
    ['is the requester', { id: 'r', kind: 'partner' }, c, ['requester']],
    ['is both holder and requester', { id: 'h', kind: 'partner' }, { ...c, requesterOrgId: 'h' }, ['holder', 'requester']],
    ['is another participant', { id: 'x', kind: 'publisher' }, c, ['participant']],
    ['is the customer, also when it opened the case', { id: 'r', kind: 'customer' }, c, ['customer']],
    ['is nothing when it takes no part', { id: 'h', kind: 'partner' }, { ...c, isParticipant: false }, []],
  ];
  for (const [label, org, input, expected] of table) it(`an organization ${label}`, () => assert.deepEqual(relationsOf(org, input), expected));
});

describe('canWorkCategory and canReadCases', () => {
  const workAll: Role[] = ['global_admin', 'admin_agent', 'helpdesk_agent', 'publisher_admin', 'support_engineer', 'operator_admin', 'commerce_support', 'customer_admin', 'customer_user'];
  for (const role of ALL_ROLES) {
    for (const category of SUPPORT_CATEGORIES) {
      const expected = workAll.includes(role) || (role === 'billing_admin' && (category === 'billing' || category === 'payment'));
      it(`${expected ? 'lets' : 'does not let'} a ${role} work a ${category} case`, () => assert.equal(canWorkCategory([role], category), expected));
    }
    const reads = role !== 'user_admin';
    it(`${reads ? 'lets' : 'does not let'} a ${role} read cases`, () => assert.equal(canReadCases([role]), reads));
  }
  it('lets roles combine: a sales_agent who is also a helpdesk_agent works technical cases', () => {
    assert.equal(canWorkCategory(['sales_agent', 'helpdesk_agent'], 'technical_howto'), true);
  });
});

describe('participantRoleOf', () => {
  const chain = { customerId: 'c', publisherId: 'pub', partnerId: null, providerId: 'prov', resellerId: 'res', operatorId: 'op' };
  const table: [string, Parameters<typeof participantRoleOf>[0], string][] = [
    ['a customer', { id: 'c', kind: 'customer', partnerModel: null }, 'customer'],
    ['a publisher', { id: 'pub', kind: 'publisher', partnerModel: null }, 'publisher'],
    ['the operator', { id: 'op', kind: 'operator', partnerModel: null }, 'operator'],
    ['the provider of record', { id: 'prov', kind: 'partner', partnerModel: 'indirect_provider' }, 'provider'],
    ['the reseller of record', { id: 'res', kind: 'partner', partnerModel: 'indirect_reseller' }, 'reseller'],
    ['a direct partner of record', { id: 'd', kind: 'partner', partnerModel: 'direct' }, 'partner'],
    ['a provider outside the chain, by its model', { id: 'p2', kind: 'partner', partnerModel: 'indirect_provider' }, 'provider'],
    ['a reseller outside the chain, by its model', { id: 'r2', kind: 'partner', partnerModel: 'indirect_reseller' }, 'reseller'],
  ];
  for (const [label, org, role] of table) it(`names ${label} ${role}`, () => assert.equal(participantRoleOf(org, chain), role));
  it('names the direct partner of record partner even when its model says otherwise', () => {
    assert.equal(participantRoleOf({ id: 'd', kind: 'partner', partnerModel: 'indirect_reseller' }, { ...chain, providerId: null, resellerId: null, partnerId: 'd' }), 'partner');
  });
});

describe('askerOfRole', () => {
  const table: [Parameters<typeof askerOfRole>[0], ReturnType<typeof askerOfRole>][] = [
    ['customer', { kind: 'customer', partnerModel: null }],
    ['publisher', { kind: 'publisher', partnerModel: null }],
    ['operator', { kind: 'operator', partnerModel: null }],
    ['partner', { kind: 'partner', partnerModel: 'direct' }],
    ['provider', { kind: 'partner', partnerModel: 'indirect_provider' }],
    ['reseller', { kind: 'partner', partnerModel: 'indirect_reseller' }],
  ];
  for (const [role, asker] of table) it(`asks again as a ${asker.partnerModel ?? asker.kind} for a ${role}`, () => assert.deepEqual(askerOfRole(role), asker));
  it('inverts participantRoleOf for every role', () => {
    for (const [role] of table) {
      const asker = askerOfRole(role);
      const none = { customerId: null, publisherId: null, partnerId: null, providerId: null, resellerId: null, operatorId: null };
      assert.equal(participantRoleOf({ id: 'x', ...asker }, none), role);
    }
  });
});

describe('decideForward', () => {
  for (const category of SUPPORT_CATEGORIES) {
    const technical = isTechnicalCategory(category);
    it(`${technical ? 'hands' : 'does not hand'} a partner's ${category} case to the publisher`, () => {
      assert.deepEqual(decideForward({ category, holderKind: 'partner', publisherId: 'pub' }),
        technical ? { allowed: true, to: 'pub' } : { allowed: false, reason: 'not_technical' });
    });
  }
  it('refuses a holder that is not a partner', () => {
    for (const kind of ['publisher', 'operator', 'customer'] as const) {
      assert.deepEqual(decideForward({ category: 'technical_howto', holderKind: kind, publisherId: 'pub' }), { allowed: false, reason: 'holder_not_partner' });
    }
  });
  it('refuses a case without a publisher', () => {
    assert.deepEqual(decideForward({ category: 'technical_breakfix', holderKind: 'partner', publisherId: null }), { allowed: false, reason: 'no_publisher' });
  });
});

describe('decideEscalation', () => {
  const chain = { providerId: 'prov', resellerId: 'res', operatorId: 'op' };
  const reseller = { orgId: 'res', kind: 'partner' as const, partnerModel: 'indirect_reseller' as const };
  const provider = { orgId: 'prov', kind: 'partner' as const, partnerModel: 'indirect_provider' as const };
  const direct = { orgId: 'd', kind: 'partner' as const, partnerModel: 'direct' as const };
  const publisher = { orgId: 'pub', kind: 'publisher' as const, partnerModel: null };
  for (const category of SUPPORT_CATEGORIES) {
    it(`sends a reseller's ${category} case to its provider`, () => {
      assert.deepEqual(decideEscalation({ category, holder: reseller, chain }), { allowed: true, targets: [{ tier: 'provider', orgId: 'prov' }] });
    });
    const toOperator = category === 'commerce_platform' || ['billing', 'payment', 'subscription', 'account_setup'].includes(category);
    const refusal = isTechnicalCategory(category) ? 'operator_does_not_support_isv_products' : 'not_an_operator_category';
    for (const [name, holder] of [['provider', provider], ['direct partner', direct], ['publisher', publisher]] as const) {
      it(`${toOperator ? 'sends' : 'refuses'} a ${name}'s ${category} case ${toOperator ? 'to the operator' : `(${refusal})`}`, () => {
        assert.deepEqual(decideEscalation({ category, holder, chain: { ...chain, resellerId: null } }),
          toOperator ? { allowed: true, targets: [{ tier: 'operator', orgId: 'op' }] } : { allowed: false, reason: refusal });
      });
    }
    it(`has nowhere to send the operator's ${category} case`, () => {
      assert.deepEqual(decideEscalation({ category, holder: { orgId: 'op', kind: 'operator', partnerModel: null }, chain }), { allowed: false, reason: 'nowhere_to_escalate' });
    });
  }
  it('refuses a reseller without a provider of record', () => {
    assert.deepEqual(decideEscalation({ category: 'billing', holder: reseller, chain: { providerId: null, resellerId: null, operatorId: 'op' } }), { allowed: false, reason: 'no_provider' });
  });
  it('refuses the operator tier when the case recorded no operator', () => {
    assert.deepEqual(decideEscalation({ category: 'billing', holder: direct, chain: { providerId: null, resellerId: null, operatorId: null } }), { allowed: false, reason: 'no_operator' });
  });
  it('treats the provider of record as a provider even if its model were reseller', () => {
    assert.deepEqual(decideEscalation({ category: 'billing', holder: { ...provider, partnerModel: 'indirect_reseller' }, chain }), { allowed: true, targets: [{ tier: 'operator', orgId: 'op' }] });
  });
});

describe('handBackTargetOf the transfer stack', () => {
  const t = (type: Transfer['type'], fromOrgId: string, toOrgId: string): Transfer => ({ type, fromOrgId, toOrgId });
  const table: [string, Transfer[], string, string | null][] = [
    ['is nobody when nobody handed the case over', [], 'pub', null],
    ['is the partner that forwarded to the publisher', [t('forwarded', 'p', 'pub')], 'pub', 'p'],
    ['is the reseller that escalated to the provider', [t('escalated', 'r', 'prov')], 'prov', 'r'],
    ['walks back one tier at a time', [t('escalated', 'r', 'prov'), t('escalated', 'prov', 'op'), t('handed_back', 'op', 'prov')], 'prov', 'r'],
    ['is the provider for the operator', [t('escalated', 'r', 'prov'), t('escalated', 'prov', 'op')], 'op', 'prov'],
    ['is nobody once every hand-over was handed back', [t('forwarded', 'p', 'pub'), t('handed_back', 'pub', 'p')], 'p', null],
    ['is nobody after a reroute placed the case afresh', [t('forwarded', 'p', 'pub'), t('rerouted', 'pub', 'p')], 'p', null],
    ['counts hand-overs after a reroute', [t('forwarded', 'p', 'pub'), t('rerouted', 'pub', 'p'), t('forwarded', 'p', 'pub')], 'pub', 'p'],
    ['is nobody when the history does not end with the holder', [t('forwarded', 'p', 'pub')], 'x', null],
  ];
  for (const [label, history, holder, expected] of table) it(label, () => assert.equal(handBackTargetOf(transferStackOf(history), holder), expected));
  it('keeps the forwards and escalations not yet handed back as a stack, oldest first', () => {
    assert.deepEqual(transferStackOf([t('escalated', 'r', 'prov'), t('escalated', 'prov', 'op'), t('handed_back', 'op', 'prov')]), [
      { type: 'escalated', fromOrgId: 'r', toOrgId: 'prov' },
    ]);
    assert.deepEqual(transferStackOf([t('forwarded', 'p', 'pub'), t('rerouted', 'pub', 'x')]), []);
    assert.equal(handBackTargetOf([{ type: 'escalated', fromOrgId: 'r', toOrgId: 'prov' }], 'prov'), 'r');
    assert.equal(handBackTargetOf([], 'prov'), null);
  });
});

describe('nextChangeTime', () => {
  const last = new Date('2026-11-24T10:00:00.000Z');
  it('is now when now is after the last change', () => {
    assert.equal(nextChangeTime(new Date('2026-11-24T10:00:00.005Z'), last).toISOString(), '2026-11-24T10:00:00.005Z');
  });
  it('is one millisecond after the last change when the clock repeats it', () => {
    assert.equal(nextChangeTime(new Date(last), last).toISOString(), '2026-11-24T10:00:00.001Z');
  });
  it('is one millisecond after the last change when the clock stepped back', () => {
    assert.equal(nextChangeTime(new Date('2026-11-24T09:59:00.000Z'), last).toISOString(), '2026-11-24T10:00:00.001Z');
  });
});

describe('matchesIfMatch', () => {
  const table: [string | undefined, boolean][] = [
    [undefined, true], ['*', true], ['"3"', true], ['W/"3"', true], ['"2", "3"', true], [' "3" ', true],
    ['"2"', false], ['3', false], ['"03"', false], ['', false], ['garbage', false],
  ];
  for (const [header, ok] of table) it(`${ok ? 'accepts' : 'refuses'} If-Match ${JSON.stringify(header)} for version 3`, () => assert.equal(matchesIfMatch(header, 3), ok));
  it('makes the ETag of a version', () => assert.equal(etagOf(7), '"7"'));
});

describe('checkAttachment', () => {
  const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p));
  const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest');
  const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'rest');
  const GIF = bytes('GIF89a', 'rest');
  const WEBP = bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ');
  const PDF = bytes('%PDF-1.7\n', [0xe2, 0xe3, 0xcf, 0xd3]);
  const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], [0, 0, 0]);
  const TEXT = bytes('hello, 세계\n');
  const samples: Record<string, Uint8Array> = {
    'image/png': PNG, 'image/jpeg': JPEG, 'image/gif': GIF, 'image/webp': WEBP, 'application/pdf': PDF, 'application/zip': ZIP,
    'text/plain': TEXT, 'text/csv': bytes('a,b\n1,2\n'), 'application/json': bytes('{"a":1}'),
  };
  for (const [type, sample] of Object.entries(samples)) {
    it(`accepts ${type} whose bytes match`, () => assert.deepEqual(checkAttachment(type, sample), { ok: true, contentType: type }));
  }
  const binaries = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'application/zip'];
  for (const declared of binaries) {
    for (const actual of binaries.filter((b) => b !== declared)) {
      it(`refuses ${actual} bytes declared as ${declared}`, () => {
        assert.deepEqual(checkAttachment(declared, samples[actual]!), { ok: false, reason: 'content_mismatch', declared, detected: actual });
      });
    }
    it(`refuses text declared as ${declared}`, () => {
      assert.deepEqual(checkAttachment(declared, TEXT), { ok: false, reason: 'content_mismatch', declared, detected: null });
    });
  }
  it('refuses a PNG declared as text', () => {
    assert.deepEqual(checkAttachment('text/plain', PNG), { ok: false, reason: 'content_mismatch', declared: 'text/plain', detected: 'image/png' });
  });
  it('refuses binary bytes declared as JSON', () => {
    assert.deepEqual(checkAttachment('application/json', bytes([0x7b, 0x00, 0x7d])), { ok: false, reason: 'content_mismatch', declared: 'application/json', detected: 'binary' });
    assert.deepEqual(checkAttachment('text/csv', bytes([0xc3, 0x28])), { ok: false, reason: 'content_mismatch', declared: 'text/csv', detected: 'binary' });
  });
  it('refuses a type outside the allow-list', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/octet-stream', 'application/x-msdownload', '']) {
      assert.deepEqual(checkAttachment(type, TEXT), { ok: false, reason: 'type_not_allowed', declared: type });
    }
  });
  it('reads parameters and case off the declared type, and known aliases', () => {
    assert.deepEqual(checkAttachment('Text/Plain; charset=UTF-8', TEXT), { ok: true, contentType: 'text/plain' });
    assert.deepEqual(checkAttachment('image/jpg', JPEG), { ok: true, contentType: 'image/jpeg' });
    assert.deepEqual(checkAttachment('application/x-zip-compressed', ZIP), { ok: true, contentType: 'application/zip' });
  });
  it('accepts an empty text file and refuses an empty image', () => {
    assert.deepEqual(checkAttachment('text/plain', new Uint8Array()), { ok: true, contentType: 'text/plain' });
    assert.equal(checkAttachment('image/png', new Uint8Array()).ok, false);
  });
  it('recognizes no signature in plain text', () => assert.equal(sniffBinaryType(TEXT), null));
  it('caps attachments at 10 MiB', () => assert.equal(MAX_ATTACHMENT_BYTES, 10_485_760));
});

describe('sanitizeFileName', () => {
  const table: [string, string][] = [
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\log.txt', 'log.txt'],
    ['.htaccess', 'htaccess'],
    ['my file (1).png', 'my file (1).png'],
    ['a<b>c:"d|e?*.txt', 'a_b_c_d_e_.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['보고서.csv', '보고서.csv'],
    ['', 'attachment'],
    ['...', 'attachment'],
    ['/', 'attachment'],
    ['trailing. ', 'trailing'],
  ];
  for (const [input, expected] of table) it(`makes ${JSON.stringify(input)} into ${JSON.stringify(expected)}`, () => assert.equal(sanitizeFileName(input), expected));
  it('shortens long names to 150 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(300)}.json`);
    assert.equal(name.length, 150);
    assert.ok(name.endsWith('.json'));
  });
});

describe('attachmentDisposition', () => {
  it('always asks for a download with an ASCII fallback and the UTF-8 name', () => {
    assert.equal(attachmentDisposition('보고서 1.csv'), 'attachment; filename="___ 1.csv"; filename*=UTF-8\'\'%EB%B3%B4%EA%B3%A0%EC%84%9C%201.csv');
  });
  it('escapes characters that would end the quoted name', () => {
    assert.equal(attachmentDisposition('a"b\\c.txt'), 'attachment; filename="a_b_c.txt"; filename*=UTF-8\'\'a%22b%5Cc.txt');
  });
});

describe('isTechnicalCategory', () => {
  const technical: SupportCategory[] = ['technical_howto', 'technical_breakfix', 'service_outage'];
  for (const category of SUPPORT_CATEGORIES) {
    it(`${technical.includes(category) ? 'counts' : 'does not count'} ${category} as technical`, () => assert.equal(isTechnicalCategory(category), technical.includes(category)));
  }
});
