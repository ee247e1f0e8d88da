import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeOrg, makeUser, type Actor } from '../factories.ts';
import { linkIndirect, makeCustomerOf, makePartner, makePublisher, makeSellableOffer, relateCustomer } from '../catalog-factories.ts';
import { addMessage, makeCase, makeSubscriptionRecord, minutesAgo } from '../inbox-factories.ts';

/**
 * A customer (in Korea) of a direct partner D, with a case in every status about the publisher P's
 * offer; the same customer also buys through a reseller R of the provider PR, and has one case
 * there. Messages of every visibility on the open case.
 */
async function makeWorld(ctx: TestContext) {
  const base = new Date(Date.now() - 86_400_000);
  const publisher = await makePublisher(ctx);
  const { offerId } = await makeSellableOffer(ctx, { publisher, offer: { name: 'Alpha Backup' } });
  const { offerId: otherOfferId } = await makeSellableOffer(ctx, { publisher, offer: { name: 'Beta Firewall' } });
  const partner = await makePartner(ctx, 'direct');
  const userAdmin = await makeUser(ctx, partner.org, ['user_admin']);
  const customerOrg = await makeCustomerOf(ctx, partner.orgId, 'KR');
  const customer = await makeUser(ctx, customerOrg, ['customer_admin']);
  const provider = await makePartner(ctx, 'indirect_provider');
  // A partner outside the customer's channel that takes part in one of its cases (brought in by its provider).
  const outsider = await makePartner(ctx, 'direct');
  const reseller = await makePartner(ctx, 'indirect_reseller');
  await linkIndirect(ctx, provider, reseller.orgId);
  await relateCustomer(ctx, reseller.orgId, customerOrg.id);
  await makeSubscriptionRecord(ctx, { customerId: customerOrg.id, offerId, publisherId: publisher.orgId, acceptedBy: partner, chain: { partnerId: partner.orgId } });
  await makeSubscriptionRecord(ctx, { customerId: customerOrg.id, offerId: otherOfferId, publisherId: publisher.orgId, acceptedBy: reseller, chain: { providerId: provider.orgId, resellerId: reseller.orgId } });

  const C = { orgId: customerOrg.id, role: 'customer' } as const;
  const D = { orgId: partner.orgId, role: 'partner' } as const;
  const P = { orgId: publisher.orgId, role: 'publisher' } as const;
  const direct = { requester: customer, customerId: customerOrg.id, offerId, participants: [C, D, P] };
  const resolvedAt = minutesAgo(30, base);
  const closedAt = minutesAgo(20, base);
  const ids = {
    new: await makeCase(ctx, { ...direct, status: 'new', severity: 'critical', title: 'Backups stopped', createdAt: minutesAgo(100, base), updatedAt: minutesAgo(10, base) }),
    open: await makeCase(ctx, { ...direct, status: 'open', severity: 'moderate', category: 'technical_breakfix', title: 'Restore fails', description: 'Restoring a snapshot fails with E1234.', holderOrgId: publisher.orgId, createdAt: minutesAgo(110, base), updatedAt: minutesAgo(11, base) }),
    pending_party: await makeCase(ctx, { ...direct, status: 'pending_party', severity: 'minimal', createdAt: minutesAgo(120, base), updatedAt: minutesAgo(12, base) }),
    pending_customer: await makeCase(ctx, { ...direct, status: 'pending_customer', category: 'billing', participants: [C, D], createdAt: minutesAgo(130, base), updatedAt: minutesAgo(13, base) }),
    resolved: await makeCase(ctx, { ...direct, status: 'resolved', resolvedAt, createdAt: minutesAgo(140, base), updatedAt: resolvedAt }),
    closed: await makeCase(ctx, { ...direct, status: 'closed', title: '=HYPERLINK("https://evil.example","click")', resolvedAt, closedAt, createdAt: minutesAgo(150, base), updatedAt: closedAt }),
    indirect: await makeCase(ctx, {
      requester: customer, customerId: customerOrg.id, offerId: null, holderOrgId: reseller.orgId, status: 'open', category: 'payment',
      participants: [C, { orgId: reseller.orgId, role: 'reseller' }, { orgId: provider.orgId, role: 'provider' }, { orgId: outsider.orgId, role: 'partner' }],
      createdAt: minutesAgo(160, base), updatedAt: minutesAgo(14, base),
    }),
  };
  const at = (m: number) => minutesAgo(m, base);
  await addMessage(ctx, ids.open, customer, 'public', 'Restoring yesterday\'s snapshot fails.', at(109));
  await addMessage(ctx, ids.open, partner, 'partners', 'Forwarded to the publisher with the logs.', at(108));
  await addMessage(ctx, ids.open, partner, 'internal', 'The customer is on a trial until May.', at(107));
  await addMessage(ctx, ids.open, publisher, 'internal', 'Known defect 4711.', at(106));
  await addMessage(ctx, ids.open, publisher, 'public', 'A fix is deployed; please try again,\nthen tell us.', at(105));
  await addMessage(ctx, ids.indirect, provider, 'public', 'We refunded the duplicate payment.', at(104));
  await addMessage(ctx, ids.indirect, outsider, 'public', 'The refund left our account today.', at(103));
  return { publisher, offerId, partner, userAdmin, customerOrg, customer, provider, reseller, outsider, ids, resolvedAt, closedAt };
}

type World = Awaited<ReturnType<typeof makeWorld>>;

function exportOf(ctx: TestContext, actor: Actor | null, customerId: string, format?: string) {
  return call(ctx, actor, 'GET', `/api/v1/customers/${customerId}/cases/export${format ? `?format=${format}` : ''}`);
}

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  return rows;
}

describe('GET /customers/:customerId/cases/export', () => {
  let ctx: TestContext;
  let w: World;

  before(async () => {
    ctx = await testContext();
    w = await makeWorld(ctx);
  });

  it('gives the customer its cases as a Partner Center collection of service requests, newest first', async () => {
    const res = await exportOf(ctx, w.customer, w.customerOrg.id);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.body.attributes, { objectType: 'Collection' });
    assert.equal(res.body.totalCount, 7);
    assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), [
      w.ids.new, w.ids.open, w.ids.pending_party, w.ids.pending_customer, w.ids.resolved, w.ids.closed, w.ids.indirect,
    ]);
    const open = res.body.items[1];
    assert.deepEqual(Object.keys(open).sort(), [
      'attributes', 'countryCode', 'createdDate', 'description', 'id', 'lastClosedDate', 'lastModifiedDate', 'notes', 'organization',
      'productId', 'productName', 'severity', 'status', 'supportTopicId', 'supportTopicName', 'title',
    ]);
    assert.equal(open.title, 'Restore fails');
    assert.equal(open.description, 'Restoring a snapshot fails with E1234.');
    assert.equal(open.severity, 'moderate');
    assert.equal(open.supportTopicId, 'technical_breakfix');
    assert.equal(open.supportTopicName, 'Technical: defects, errors and break-fix');
    assert.deepEqual(open.organization, { id: w.customerOrg.id, name: w.customerOrg.name });
    assert.equal(open.productId, w.offerId);
    assert.equal(open.productName, 'Alpha Backup');
    assert.equal(open.countryCode, 'KR');
    assert.deepEqual(open.attributes, { objectType: 'ServiceRequest' });
    const indirect = res.body.items[6];
    assert.equal(indirect.productId, null);
    assert.equal(indirect.productName, null);
  });

  it('maps statuses and severities to Partner Center\'s, and dates when it last closed', async () => {
    const items = (await exportOf(ctx, w.customer, w.customerOrg.id)).body.items as { id: string; status: string; severity: string; lastClosedDate: string | null }[];
    const byId = new Map(items.map((i) => [i.id, i]));
    const expected: [keyof World['ids'], string, string | null][] = [
      ['new', 'none', null], ['open', 'open', null], ['pending_party', 'open', null], ['pending_customer', 'attention_needed', null],
      ['resolved', 'closed', w.resolvedAt.toISOString()], ['closed', 'closed', w.closedAt.toISOString()],
    ];
    for (const [status, pcStatus, closed] of expected) {
      assert.equal(byId.get(w.ids[status])!.status, pcStatus, status);
      assert.equal(byId.get(w.ids[status])!.lastClosedDate, closed, status);
    }
    assert.equal(byId.get(w.ids.new)!.severity, 'critical');
    assert.equal(byId.get(w.ids.pending_party)!.severity, 'minimal');
  });

  it('carries as notes only the messages each viewer may see, oldest first', async () => {
    const notesOf = async (actor: Actor) => {
      const res = await exportOf(ctx, actor, w.customerOrg.id);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items.find((i: { id: string }) => i.id === w.ids.open).notes as { createdByName: string; createdDate: string; text: string }[];
    };
    const customerNotes = await notesOf(w.customer);
    assert.deepEqual(customerNotes.map((n) => [n.createdByName, n.text]), [
      [w.customerOrg.name, 'Restoring yesterday\'s snapshot fails.'],
      [w.publisher.org.name, 'A fix is deployed; please try again,\nthen tell us.'],
    ]);
    assert.ok(customerNotes.every((n) => !Number.isNaN(Date.parse(n.createdDate))));
    assert.deepEqual((await notesOf(w.partner)).map((n) => n.text), [
      'Restoring yesterday\'s snapshot fails.', 'Forwarded to the publisher with the logs.', 'The customer is on a trial until May.',
      'A fix is deployed; please try again,\nthen tell us.',
    ]);
  });

  it('names an author the viewer may not see by its role in the case', async () => {
    const res = await exportOf(ctx, w.customer, w.customerOrg.id);
    const indirect = res.body.items.find((i: { id: string }) => i.id === w.ids.indirect);
    assert.deepEqual(indirect.notes.map((n: { createdByName: string }) => n.createdByName), [w.provider.org.name, 'Partner']);
  });

  it('gives each partner of record the cases it takes part in: the direct partner, and a provider named on a subscription', async () => {
    const direct = await exportOf(ctx, w.partner, w.customerOrg.id);
    assert.equal(direct.status, 200);
    assert.equal(direct.body.totalCount, 6);
    assert.ok(!direct.body.items.some((i: { id: string }) => i.id === w.ids.indirect));
    const provider = await exportOf(ctx, w.provider, w.customerOrg.id);
    assert.equal(provider.status, 200, JSON.stringify(provider.body));
    assert.deepEqual(provider.body.items.map((i: { id: string }) => i.id), [w.ids.indirect]);
    assert.deepEqual(provider.body.items[0].notes.map((n: { createdByName: string }) => n.createdByName), [w.provider.org.name, w.outsider.org.name]);
    const reseller = await exportOf(ctx, w.reseller, w.customerOrg.id);
    assert.equal(reseller.status, 200);
    assert.equal(reseller.body.totalCount, 1);
  });

  it('answers 404 to everyone else, exactly as for a customer that does not exist', async () => {
    const stranger = await makePartner(ctx, 'direct');
    const otherCustomer = await makeOrg(ctx, 'customer');
    const otherCustomerUser = await makeUser(ctx, otherCustomer, ['customer_admin']);
    const missing = await exportOf(ctx, w.partner, 'org_doesnotexist');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'CUSTOMER_NOT_FOUND');
    for (const actor of [stranger, w.publisher, otherCustomerUser]) {
      const res = await exportOf(ctx, actor, w.customerOrg.id);
      assert.equal(res.status, 404, actor.email);
      assert.equal(res.body.code, 'CUSTOMER_NOT_FOUND');
      assert.equal(res.body.detail, missing.body.detail);
    }
    // A partner of record asking about one of its customers it shares nothing with.
    const notMine = await exportOf(ctx, w.partner, otherCustomer.id);
    assert.equal(notMine.status, 404);
  });

  it('refuses a partner of record\'s user without cases.read with 403, and the anonymous with 401', async () => {
    const denied = await exportOf(ctx, w.userAdmin, w.customerOrg.id);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'PERMISSION_DENIED');
    assert.equal((await exportOf(ctx, null, w.customerOrg.id)).status, 401);
  });

  it('writes CSV: one line per service request, notes in one cell, formulas defused', async () => {
    const res = await exportOf(ctx, w.partner, w.customerOrg.id, 'csv');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers['content-disposition'], `attachment; filename="service-requests-${w.customerOrg.id}.csv"`);
    assert.ok(res.raw.startsWith('\uFEFF'));
    const rows = parseCsv(res.raw.slice(1));
    const [header, ...lines] = rows;
    assert.deepEqual(header, [
      'id', 'title', 'severity', 'status', 'supportTopicId', 'supportTopicName', 'organizationId', 'organizationName',
      'productId', 'productName', 'countryCode', 'createdDate', 'lastModifiedDate', 'lastClosedDate', 'description', 'notes',
    ]);
    assert.equal(lines.length, 6);
    const col = (name: string) => header!.indexOf(name);
    const json = (await exportOf(ctx, w.partner, w.customerOrg.id)).body.items as Record<string, unknown>[];
    for (const [i, line] of lines.entries()) {
      assert.equal(line.length, header!.length);
      assert.equal(line[col('id')], json[i]!.id);
      assert.equal(line[col('status')], json[i]!.status);
      assert.equal(line[col('lastClosedDate')], json[i]!.lastClosedDate ?? '');
    }
    const open = lines.find((l) => l[col('id')] === w.ids.open)!;
    assert.equal(open[col('notes')]!.split('\n').length, 5);
    assert.match(open[col('notes')]!, /^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] .+: Restoring yesterday's snapshot fails\.\n/);
    const closed = lines.find((l) => l[col('id')] === w.ids.closed)!;
    assert.equal(closed[col('title')], '\'=HYPERLINK("https://evil.example","click")');
  });

  it('refuses an unknown format with 400 naming the field', async () => {
    const res = await exportOf(ctx, w.customer, w.customerOrg.id, 'xml');
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    assert.ok(res.body.errors.some((e: { field: string }) => e.field.startsWith('querystring.format')));
  });
});
