import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CASE_STATUSES, type CaseStatus } from './case-rules.ts';
import { lastClosedDateOf, partnerCenterStatusOf, SUPPORT_TOPIC_NAMES, supportTopicNameOf, type PartnerCenterStatus } from './partner-center.ts';
import { SUPPORT_CATEGORIES } from './support-categories.ts';

describe('partnerCenterStatusOf', () => {
  const table: [CaseStatus, PartnerCenterStatus][] = [
    ['new', 'none'], ['open', 'open'], ['pending_party', 'open'], ['pending_customer', 'attention_needed'],
    ['resolved', 'closed'], ['closed', 'closed'],
  ];
  for (const [status, expected] of table) {
    it(`exports a ${status} case as ${expected}`, () => {
      assert.equal(partnerCenterStatusOf(status), expected);
    });
  }

  it('maps every case status', () => {
    assert.deepEqual(table.map(([s]) => s).sort(), [...CASE_STATUSES].sort());
  });
});

describe('lastClosedDateOf', () => {
  const resolvedAt = new Date('2026-03-01T10:00:00Z');
  const closedAt = new Date('2026-03-02T10:00:00Z');

  it('dates a closed case by its closing', () => {
    assert.equal(lastClosedDateOf({ status: 'closed', resolvedAt, closedAt }), closedAt);
  });

  it('dates a resolved case by its resolution, since Partner Center counts it closed', () => {
    assert.equal(lastClosedDateOf({ status: 'resolved', resolvedAt, closedAt: null }), resolvedAt);
  });

  it('gives no date to a case that is not closed, even one resolved and reopened', () => {
    for (const status of ['new', 'open', 'pending_customer', 'pending_party'] as const) {
      assert.equal(lastClosedDateOf({ status, resolvedAt, closedAt: null }), null, status);
    }
  });
});

describe('supportTopicNameOf', () => {
  it('names every support category', () => {
    for (const category of SUPPORT_CATEGORIES) assert.equal(supportTopicNameOf(category), SUPPORT_TOPIC_NAMES[category]);
    assert.equal(new Set(Object.values(SUPPORT_TOPIC_NAMES)).size, SUPPORT_CATEGORIES.length);
  });

  it('keeps a retired category\'s code as its name', () => {
    assert.equal(supportTopicNameOf('hardware'), 'hardware');
  });
});
