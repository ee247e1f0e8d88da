/**
 * The demo's SLA story holds whenever the demo is loaded: its stories are told relative to the
 * load, but business hours are not, so the demo is loaded at moments that fall differently on
 * them — a Saturday night, a Monday before any party's hours open, the eve of a US holiday — and
 * each time it must have a breached clock, a paused one, one running well within its deadline,
 * and a case held by three parties in turn.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDemoData } from '../../src/demo/index.ts';
import { openScratchDatabase } from '../scratch-database.ts';

const MOMENTS = ['2026-06-06T23:30:00.000Z', '2026-06-08T05:00:00.000Z', '2026-11-25T20:00:00.000Z'];

describe('demo SLA clocks at different moments of the week', () => {
  for (const moment of MOMENTS) {
    it(`tells the SLA story when loaded at ${moment}`, async () => {
      const now = new Date(moment);
      const { db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sb_demo_sla', 2);
      try {
        const loaded = await loadDemoData(db, { password: 'demo-password-for-tests', now });
        assert.equal(loaded.loaded, true);
        const clocks = await db.withOwner((tx) => tx.selectFrom('case_sla_clocks as k').innerJoin('cases as c', 'c.id', 'k.case_id')
          .select(['c.title', 'k.target', 'k.status', 'k.due_at']).execute());
        const of = (title: string, target: string) => clocks.find((k) => k.title === title && k.target === target)!;
        assert.equal(of('New agents are isolated as soon as they enroll', 'resolution').status, 'breached');
        assert.equal(of('Agents on 40 endpoints stopped reporting after update 7.2', 'resolution').status, 'paused');
        const fresh = of('Sentinel console shows no detections since 10 minutes', 'first_response');
        assert.equal(fresh.status, 'running');
        assert.ok(fresh.due_at!.getTime() > now.getTime());
        const events = await db.withOwner((tx) => tx.selectFrom('case_events as e').innerJoin('cases as c', 'c.id', 'e.case_id')
          .select(['e.type', 'e.data']).where('c.title', '=', 'Renewal credit missing from the June invoice').orderBy('e.created_at').orderBy('e.id').execute());
        const holders = new Set(events.flatMap((e) => {
          const data = e.data as { holderOrgId?: string; toOrgId?: string };
          return e.type === 'routed' ? [data.holderOrgId] : ['escalated', 'handed_back'].includes(e.type) ? [data.toOrgId] : [];
        }));
        assert.equal(holders.size, 3);
        assert.equal(of('Renewal credit missing from the June invoice', 'resolution').status, 'met');
      } finally {
        await drop();
      }
    });
  }
});
