/**
 * Factories for channel tests: partners of each model, relationships in any status and customers,
 * made as the owner so a test sets up its world quickly and exercises only the request under test.
 */
import { randomBytes } from 'node:crypto';
import type { PartnerModel, Role } from '../src/core/parties.ts';
import { defaultSplit } from '../src/core/support-categories.ts';
import { newId } from '../src/db/ids.ts';
import { makeActor, makeOrg, makeUser, type Actor, type TestOrg } from './factories.ts';
import type { TestContext } from './harness.ts';

/** Every partner role, as SPEC section 2 lists them. */
export const PARTNER_ROLES = ['global_admin', 'admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin', 'user_admin'] as const satisfies readonly Role[];

/** A partner organization of a model with one global_admin. */
export async function makePartner(ctx: TestContext, model: PartnerModel, roles: Role[] = ['global_admin']): Promise<Actor & { org: TestOrg }> {
  return makeActor(ctx, 'partner', roles, { model });
}

/** One user per partner role in the same organization, keyed by role. */
export async function makeEveryPartnerRole(ctx: TestContext, org: TestOrg): Promise<Record<(typeof PARTNER_ROLES)[number], Actor>> {
  const entries = [];
  for (const role of PARTNER_ROLES) entries.push([role, await makeUser(ctx, org, [role])] as const);
  return Object.fromEntries(entries) as Record<(typeof PARTNER_ROLES)[number], Actor>;
}

/** A provider–reseller relationship in the status given, with the default split, made as the owner. */
export async function makeRelationship(ctx: TestContext, provider: Actor, reseller: { orgId: string }, status: 'invited' | 'active' | 'ended' = 'active'): Promise<string> {
  const id = newId('indirectRelationship');
  const at = new Date();
  await ctx.db.withOwner(async (tx) => {
    await tx.insertInto('indirect_relationships').values({
      id, provider_id: provider.orgId, reseller_id: reseller.orgId, status, invited_by: provider.userId, invited_at: at,
      accepted_at: status === 'invited' ? null : at, ended_at: status === 'ended' ? at : null,
      ended_by_org: status === 'ended' ? provider.orgId : null,
    }).execute();
    await tx.insertInto('support_splits').values(defaultSplit().map((r) => ({
      relationship_id: id, provider_id: provider.orgId, reseller_id: reseller.orgId,
      category: r.category, first_contact: r.firstContact, handler: r.handler,
    }))).execute();
  });
  return id;
}

/** A customer organization with a relationship to a partner, made as the owner. */
export async function makeCustomer(ctx: TestContext, partner: { orgId: string }, opts: { name?: string; status?: 'active' | 'ended' } = {}): Promise<TestOrg> {
  const org = await makeOrg(ctx, 'customer', { name: opts.name ?? `Customer ${randomBytes(4).toString('hex')}` });
  await linkCustomer(ctx, partner, org.id, opts.status ?? 'active');
  return org;
}

/** Adds a relationship between a partner and an existing customer, made as the owner. */
export async function linkCustomer(ctx: TestContext, partner: { orgId: string }, customerId: string, status: 'active' | 'ended' = 'active'): Promise<void> {
  await ctx.db.withOwner((tx) => tx.insertInto('customer_relationships').values({
    id: newId('customerRelationship'), customer_id: customerId, partner_id: partner.orgId, status,
    ended_at: status === 'ended' ? new Date() : null,
  }).execute());
}
