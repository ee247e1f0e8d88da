/**
 * The organizations as other contexts use them. Identity owns the organizations table: no other
 * context's SQL names it (the demo, writing as the owner, aside). Other contexts read it here, in
 * their own transaction — the same snapshot as the rest of their use case — and see exactly what
 * the organizations row policy lets that transaction see (one's own; operators and publishers to
 * everyone; partners to partners and publishers, and to the customers they serve; customers to
 * whoever sees one of their relationships or subscriptions; all to the operator). That policy is
 * the whole check, so these reads take no viewer.
 *
 * The one write another context makes is a partner's new customer with its first user
 * (`createCustomerOrganization`): identity switches the transaction to the new organization for
 * the user and back, so no other context switches a tenant.
 */
import type { OrgKind, PartnerModel, Role, Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { OrganizationRow, UserRow } from '../../db/schema.ts';
import * as repo from './identity.repository.ts';

/** An organization as other contexts know it. */
export interface OrganizationFacts {
  id: string;
  kind: OrgKind;
  name: string;
  partnerModel: PartnerModel | null;
  country: string;
  inGoodStanding: boolean;
  createdAt: Date;
}

export type { OrganizationIdCondition } from './identity.repository.ts';

function factsOf(o: OrganizationRow): OrganizationFacts {
  return {
    id: o.id, kind: o.kind, name: o.name, partnerModel: o.partner_model, country: o.country,
    inGoodStanding: o.in_good_standing, createdAt: o.created_at,
  };
}

/** One organization, if the transaction may see it. */
export async function findOrganization(tx: Tx, id: string): Promise<OrganizationFacts | undefined> {
  const row = await repo.findOrganization(tx, id);
  return row && factsOf(row);
}

/** The organizations among `ids` that the transaction may see, by id (one statement, however many). */
export async function findOrganizations(tx: Tx, ids: readonly string[]): Promise<Map<string, OrganizationFacts>> {
  return new Map((await repo.findOrganizationsByIds(tx, ids)).map((o) => [o.id, factsOf(o)]));
}

/** The names of the organizations among `ids` that the transaction may see; the others are absent. */
export async function organizationNames(tx: Tx, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => typeof id === 'string');
  return new Map((await repo.findOrganizationsByIds(tx, wanted)).map((o) => [o.id, o.name]));
}

/** The marketplace operator's id (the first operator organization; every signed-in organization sees it). */
export async function findOperatorId(tx: Tx): Promise<string | undefined> {
  return repo.findOperatorId(tx);
}

/**
 * A page of the organizations the transaction may see, by name then id, after a key; one more
 * than `limit` tells the caller that more follow. `where` narrows by the asking context's own
 * facts, given the organization's id (e.g. "has a customer relationship"), so it needs no join.
 */
export async function pageOrganizations(tx: Tx, q: {
  kind?: OrgKind; nameContains?: string; where?: repo.OrganizationIdCondition; after?: [string, string]; limit: number;
}): Promise<OrganizationFacts[]> {
  const rows = await repo.listOrganizations(tx, { kind: q.kind, nameContains: q.nameContains, where: q.where, afterName: q.after, limit: q.limit });
  return rows.map(factsOf);
}

/** The first user of a new organization. */
export interface FirstUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  locale: 'en' | 'ko';
}

/**
 * Records an organization and, if given, its first user, in the caller's transaction: the
 * organization as the viewer (the insert policy decides who may), then — acting as the new
 * organization, the only one that may write its users and that surely sees itself — the user, and
 * both are read back as stored; then the transaction is the viewer's again.
 */
export async function insertOrganizationWithFirstUser(tx: Tx, viewer: Viewer, org: {
  id: string; kind: OrgKind; name: string; partnerModel: PartnerModel | null; country: string; createdAt?: Date;
}, firstUser: FirstUser | null): Promise<{ organization: OrganizationRow; user: UserRow | null }> {
  await repo.insertOrganization(tx, org);
  await repo.enterOrganization(tx, { id: org.id, kind: org.kind }, viewer.userId);
  if (firstUser) await repo.insertUser(tx, { orgId: org.id }, firstUser);
  const organization = (await repo.findOrganization(tx, org.id))!;
  const user = firstUser ? (await repo.findUser(tx, { orgId: org.id }, firstUser.id))! : null;
  // Back to the viewer, whose the rest of the transaction is (its Idempotency-Key, its audit log).
  await repo.enterOrganization(tx, { id: viewer.orgId, kind: viewer.orgKind }, viewer.userId);
  return { organization, user };
}

/**
 * A partner's new customer organization, with its first user (`customer_admin`) when given, in
 * the partner's transaction. The insert policy admits a customer from a partner only.
 */
export async function createCustomerOrganization(tx: Tx, viewer: Viewer, input: {
  id: string; name: string; country: string; createdAt: Date; admin: Omit<FirstUser, 'roles'> | null;
}): Promise<{ organization: OrganizationFacts; admin: { id: string; email: string; name: string; roles: Role[] } | null }> {
  const { organization, user } = await insertOrganizationWithFirstUser(tx, viewer,
    { id: input.id, kind: 'customer', name: input.name, partnerModel: null, country: input.country, createdAt: input.createdAt },
    input.admin && { ...input.admin, roles: ['customer_admin'] });
  return {
    organization: factsOf(organization),
    admin: user && { id: user.id, email: user.email, name: user.name, roles: user.roles as Role[] },
  };
}
