/**
 * Factories for inbox tests: cases, their participants and messages made as the owner, so a test
 * builds exactly the inbox it reads (any status, holder, age) without driving the cases API.
 */
import { randomBytes } from 'node:crypto';
import type { CaseStatus, CaseVisibility } from '../src/core/case-rules.ts';
import type { ParticipantRole, Severity } from '../src/core/routing-types.ts';
import type { SupportCategory } from '../src/core/support-categories.ts';
import { newId } from '../src/db/ids.ts';
import type { Actor } from './factories.ts';
import type { TestContext } from './harness.ts';

/** One organization's part in a test case. */
export interface TestParticipant {
  orgId: string;
  role: ParticipantRole;
}

/** What a test case is made of; everything but the requester and the participants has a default. */
export interface TestCaseInput {
  requester: Actor;
  participants: TestParticipant[];
  holderOrgId?: string;
  customerId?: string | null;
  offerId?: string | null;
  title?: string;
  description?: string;
  category?: SupportCategory;
  severity?: Severity;
  status?: CaseStatus;
  assigneeUserId?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
}

/** Makes a case and its participants as the owner; the holder defaults to the requester's organization. */
export async function makeCase(ctx: TestContext, input: TestCaseInput): Promise<string> {
  const id = newId('case');
  const createdAt = input.createdAt ?? new Date();
  const updatedAt = input.updatedAt ?? createdAt;
  const holder = input.holderOrgId ?? input.requester.orgId;
  const row = {
    status: input.status ?? 'open', category: input.category ?? 'technical_howto', severity: input.severity ?? 'moderate',
    offer_id: input.offerId ?? null, customer_id: input.customerId ?? null, holder_org_id: holder, updated_at: updatedAt,
  } as const;
  await ctx.db.withOwner(async (tx) => {
    await tx.insertInto('cases').values({
      id, title: input.title ?? `Case ${randomBytes(3).toString('hex')}`, description: input.description ?? 'Something does not work.',
      language: 'en', requester_org_id: input.requester.orgId, requester_user_id: input.requester.userId,
      responsible_org_id: holder, assignee_user_id: input.assigneeUserId ?? null, routing: JSON.stringify({ test: true }),
      created_at: createdAt, resolved_at: input.resolvedAt ?? null, closed_at: input.closedAt ?? null, ...row,
    }).execute();
    await tx.insertInto('case_participants').values(input.participants.map((p) => ({
      case_id: id, org_id: p.orgId, role: p.role, joined_at: createdAt, ...row,
    }))).execute();
  });
  return id;
}

/** Changes a case as the cases context would (its last update moves), as the owner. */
export async function updateCase(ctx: TestContext, caseId: string, patch: {
  updatedAt: Date; status?: CaseStatus; holderOrgId?: string; assigneeUserId?: string | null;
}): Promise<void> {
  await ctx.db.withOwner((tx) => tx.updateTable('cases').set({
    updated_at: patch.updatedAt,
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.holderOrgId ? { holder_org_id: patch.holderOrgId } : {}),
    ...(patch.assigneeUserId !== undefined ? { assignee_user_id: patch.assigneeUserId } : {}),
  }).where('id', '=', caseId).execute());
}

/** Adds a message to a case as the owner. */
export async function addMessage(ctx: TestContext, caseId: string, author: Actor, visibility: CaseVisibility, body: string, at: Date = new Date()): Promise<string> {
  const id = newId('caseMessage');
  await ctx.db.withOwner((tx) => tx.insertInto('case_messages').values({
    id, case_id: caseId, author_org_id: author.orgId, author_user_id: author.userId, visibility, body, created_at: at,
  }).execute());
  return id;
}

/** A moment `minutes` before a fixed base, so cases of a test sort in a known order. */
export function minutesAgo(minutes: number, base: Date = new Date()): Date {
  return new Date(base.getTime() - minutes * 60_000);
}

/** A subscription row as the owner writes it: the export's "partner of record" fact, without a purchase. */
export async function makeSubscriptionRecord(ctx: TestContext, input: {
  customerId: string; offerId: string; publisherId: string; planId?: string; acceptedBy: Actor;
  chain: { partnerId: string } | { providerId: string; resellerId: string };
}): Promise<string> {
  const id = newId('subscription');
  await ctx.db.withOwner((tx) => tx.insertInto('subscriptions').values({
    id, customer_id: input.customerId, offer_id: input.offerId, plan_id: input.planId ?? 'standard', publisher_id: input.publisherId,
    quantity: 1, partner_id: 'partnerId' in input.chain ? input.chain.partnerId : null,
    provider_id: 'providerId' in input.chain ? input.chain.providerId : null,
    reseller_id: 'resellerId' in input.chain ? input.chain.resellerId : null,
    support_contact_id: 'partnerId' in input.chain ? input.chain.partnerId : input.chain.providerId,
    status: 'active', billing_cycle: 'monthly', term: 'P1M', market: 'US', agreement_version: 1,
    accepted_by: input.acceptedBy.userId, accepted_at: new Date(), activated_at: new Date(),
  }).execute());
  return id;
}
