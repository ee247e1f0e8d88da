import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedNextStatuses, decideIncidentUpdate, INCIDENT_STATUSES, incidentUpdateEventType, isOpenIncidentStatus,
  OPEN_INCIDENT_STATUSES, repeatedIds, type IncidentStatus,
} from './incident-rules.ts';

/**
 * The expected table, written independently of the implementation: one row per status the
 * incident is in, one column per status an update asks for, in the order investigating,
 * identified, monitoring, resolved. `=` allowed without a change of status, `>` allowed and moves
 * forward, `R` allowed and resolves, `<` refused as a step back, `F` refused because resolved is final.
 */
const EXPECTED: Record<IncidentStatus, string> = {
  investigating: '= > > R',
  identified: '< = > R',
  monitoring: '< < = R',
  resolved: 'F F F F',
};

describe('incident status rule', () => {
  for (const from of INCIDENT_STATUSES) {
    const row = EXPECTED[from].split(' ');
    INCIDENT_STATUSES.forEach((to, i) => {
      const cell = row[i];
      const what = { '=': 'keeps', '>': 'moves forward to', R: 'resolves as', '<': 'refuses going back to', F: 'refuses anything after resolved, even' }[cell!];
      it(`${from}: ${what} ${to}`, () => {
        const d = decideIncidentUpdate(from, to);
        if (cell === '<' || cell === 'F') {
          assert.equal(d.allowed, false);
          assert.equal(!d.allowed && d.reason, cell === 'F' ? 'resolved_is_final' : 'status_goes_back');
          assert.deepEqual(!d.allowed && d.allowedStatuses, allowedNextStatuses(from));
        } else {
          assert.deepEqual(d, { allowed: true, resolves: cell === 'R', changesStatus: cell !== '=' });
        }
      });
    });
  }

  it('lets an update skip steps forward (a maintenance goes straight to monitoring or resolved)', () => {
    assert.equal(decideIncidentUpdate('investigating', 'monitoring').allowed, true);
    assert.equal(decideIncidentUpdate('investigating', 'resolved').allowed, true);
  });

  it('answers the allowed statuses as the same one and every later one, none once resolved', () => {
    assert.deepEqual(allowedNextStatuses('investigating'), ['investigating', 'identified', 'monitoring', 'resolved']);
    assert.deepEqual(allowedNextStatuses('identified'), ['identified', 'monitoring', 'resolved']);
    assert.deepEqual(allowedNextStatuses('monitoring'), ['monitoring', 'resolved']);
    assert.deepEqual(allowedNextStatuses('resolved'), []);
  });
});

describe('open incidents', () => {
  for (const status of INCIDENT_STATUSES) {
    const open = status !== 'resolved';
    it(`${status} is ${open ? 'open' : 'not open'}`, () => {
      assert.equal(isOpenIncidentStatus(status), open);
      assert.equal((OPEN_INCIDENT_STATUSES as readonly string[]).includes(status), open);
    });
  }
});

describe('incident events', () => {
  const expected: Record<IncidentStatus, string> = {
    investigating: 'incident.updated', identified: 'incident.updated', monitoring: 'incident.updated', resolved: 'incident.resolved',
  };
  for (const status of INCIDENT_STATUSES) {
    it(`an update to ${status} is told as ${expected[status]}`, () => assert.equal(incidentUpdateEventType(status), expected[status]));
  }
});

describe('repeated offer ids', () => {
  const cases: [string[], string[]][] = [
    [[], []],
    [['a', 'b', 'c'], []],
    [['a', 'b', 'a'], ['a']],
    [['a', 'a', 'a', 'b', 'b'], ['a', 'b']],
  ];
  for (const [ids, repeated] of cases) {
    it(`finds ${JSON.stringify(repeated)} repeated in ${JSON.stringify(ids)}`, () => assert.deepEqual(repeatedIds(ids), repeated));
  }
});
