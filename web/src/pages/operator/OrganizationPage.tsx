/**
 * One organization as the operator sees it (`/operator/organizations/:orgId`): its facts, a
 * partner's standing (changed after a confirmation; the API decides and answers the new
 * standing), its indirect relationships with providers or resellers, and its customers with each
 * customer's partners — or, for a customer, its partners.
 */
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { Customer, Organization } from '../../api/types.ts';
import { useLabel } from '../../components/labels.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { useCan } from '../../app/session.tsx';
import { OperatorOnly, regionName } from './OperatorPage.tsx';
import { useCustomer, useCustomersOf, useOrganization, useRelationshipsOf, useSetStanding } from './operatorData.ts';

export default function OrganizationPage() {
  const { orgId = '' } = useParams();
  const intl = useIntl();
  const canOperate = useCan('operator.manage');
  const org = useOrganization(orgId, canOperate);
  if (!canOperate) return <OperatorOnly title={intl.formatMessage({ id: 'operator.organization.title' })} />;
  if (org.isPending) return <Loading />;
  if (org.isError) {
    return (
      <>
        <PageTitle title={intl.formatMessage({ id: 'operator.organization.title' })}><FormattedMessage id="operator.organization.title" /></PageTitle>
        <ErrorNotice error={org.error} onRetry={() => void org.refetch()} />
        <p><Link to="/operator"><FormattedMessage id="operator.back" /></Link></p>
      </>
    );
  }
  return <OrganizationView org={org.data} />;
}

function OrganizationView({ org }: { org: Organization }) {
  const intl = useIntl();
  const label = useLabel();
  return (
    <div className="operator-page">
      <p className="operator-back"><Link to="/operator"><FormattedMessage id="operator.back" /></Link></p>
      <PageTitle title={org.name}>{org.name}</PageTitle>
      <section aria-labelledby="org-facts" className="card">
        <h2 id="org-facts"><FormattedMessage id="operator.organization.facts" /></h2>
        <dl className="facts">
          <dt><FormattedMessage id="operator.col.kind" /></dt>
          <dd>{label('orgKind', org.kind)}{org.partnerModel && <> · {intl.formatMessage({ id: `operator.partnerModel.${org.partnerModel}` })}</>}</dd>
          <dt><FormattedMessage id="operator.col.country" /></dt>
          <dd>{regionName(intl.locale, org.country)}</dd>
          <dt><FormattedMessage id="operator.organization.id" /></dt>
          <dd><code>{org.id}</code></dd>
        </dl>
      </section>
      {org.kind === 'partner' && <Standing org={org} />}
      {org.kind === 'partner' && <Relationships org={org} />}
      {org.kind === 'partner' && <CustomersOf org={org} />}
      {org.kind === 'customer' && <PartnersOf org={org} />}
    </div>
  );
}

function Standing({ org }: { org: Organization }) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<boolean | null>(null);
  const change = useSetStanding(org.id);
  const next = !org.inGoodStanding;
  return (
    <section aria-labelledby="org-standing" className="card">
      <h2 id="org-standing"><FormattedMessage id="operator.standing.title" /></h2>
      <p>
        <Badge tone={org.inGoodStanding ? 'good' : 'bad'}><FormattedMessage id={org.inGoodStanding ? 'operator.standing.good' : 'operator.standing.notGood'} /></Badge>
      </p>
      <p className="muted"><FormattedMessage id={org.inGoodStanding ? 'operator.standing.goodHint' : 'operator.standing.notGoodHint'} /></p>
      <ErrorNotice error={change.error} />
      <div role="status" aria-live="polite">
        {done !== null && !change.isPending && (
          <p className="notice notice-success"><FormattedMessage id={done ? 'operator.standing.restored' : 'operator.standing.withdrawn'} values={{ name: org.name }} /></p>
        )}
      </div>
      <button type="button" className={next ? 'button button-primary' : 'button button-danger'} disabled={change.isPending} onClick={() => setConfirming(true)}>
        <FormattedMessage id={change.isPending ? 'operator.standing.saving' : next ? 'operator.standing.restore' : 'operator.standing.withdraw'} />
      </button>
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        tone={next ? 'default' : 'warning'}
        title={intl.formatMessage({ id: next ? 'operator.standing.confirmRestoreTitle' : 'operator.standing.confirmWithdrawTitle' }, { name: org.name })}
        confirmLabel={intl.formatMessage({ id: next ? 'operator.standing.restore' : 'operator.standing.withdraw' })}
        onConfirm={() => { setDone(null); change.mutate(next, { onSuccess: (o) => setDone(o.inGoodStanding) }); }}
      >
        <p><FormattedMessage id={next ? 'operator.standing.confirmRestoreBody' : 'operator.standing.confirmWithdrawBody'} values={{ name: org.name }} /></p>
      </ConfirmDialog>
    </section>
  );
}

function Incomplete({ complete }: { complete: boolean }) {
  if (complete) return null;
  return <p className="notice notice-info"><FormattedMessage id="operator.incomplete" /></p>;
}

function Relationships({ org }: { org: Organization }) {
  const intl = useIntl();
  const rels = useRelationshipsOf(org.id, true);
  const items = rels.data?.items ?? [];
  return (
    <section aria-labelledby="org-relationships" className="card">
      <h2 id="org-relationships"><FormattedMessage id="operator.relationships.title" /></h2>
      {rels.isPending && <Loading />}
      <ErrorNotice error={rels.error} onRetry={() => void rels.refetch()} />
      {rels.data && <Incomplete complete={rels.data.complete} />}
      {rels.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'operator.relationships.empty' })} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="operator.relationships.caption" values={{ name: org.name }} /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="operator.col.side" /></th>
                <th scope="col"><FormattedMessage id="operator.col.counterpart" /></th>
                <th scope="col"><FormattedMessage id="operator.col.status" /></th>
                <th scope="col"><FormattedMessage id="operator.col.since" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const isProvider = r.provider.id === org.id;
                const other = isProvider ? r.reseller : r.provider;
                return (
                  <tr key={r.id}>
                    <td data-label={intl.formatMessage({ id: 'operator.col.side' })}><FormattedMessage id={isProvider ? 'operator.side.provider' : 'operator.side.reseller'} /></td>
                    <td data-label={intl.formatMessage({ id: 'operator.col.counterpart' })}><Link to={`/operator/organizations/${encodeURIComponent(other.id)}`}>{other.name ?? other.id}</Link></td>
                    <td data-label={intl.formatMessage({ id: 'operator.col.status' })}><Badge tone={r.status === 'active' ? 'good' : r.status === 'invited' ? 'info' : 'neutral'}>{intl.formatMessage({ id: `operator.relationship.${r.status}` })}</Badge></td>
                    <td data-label={intl.formatMessage({ id: 'operator.col.since' })}><DateTime value={r.acceptedAt ?? r.invitedAt} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PartnerList({ customer, exceptId }: { customer: Customer; exceptId?: string }) {
  const intl = useIntl();
  const partners = customer.partners.filter((p) => p.id !== exceptId);
  if (partners.length === 0) return <FormattedMessage id="operator.customers.noOther" />;
  return (
    <>
      {partners.map((p, i) => (
        <span key={p.relationshipId}>
          {i > 0 && ', '}
          <Link to={`/operator/organizations/${encodeURIComponent(p.id)}`}>{p.name ?? p.id}</Link>
          {p.status === 'ended' && <span className="muted"> ({intl.formatMessage({ id: 'operator.relationship.ended' })})</span>}
        </span>
      ))}
    </>
  );
}

function CustomersOf({ org }: { org: Organization }) {
  const intl = useIntl();
  const customers = useCustomersOf(org.id, true);
  const items = customers.data?.items ?? [];
  return (
    <section aria-labelledby="org-customers" className="card">
      <h2 id="org-customers"><FormattedMessage id="operator.customers.title" /></h2>
      {customers.isPending && <Loading />}
      <ErrorNotice error={customers.error} onRetry={() => void customers.refetch()} />
      {customers.data && <Incomplete complete={customers.data.complete} />}
      {customers.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'operator.customers.empty' })} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="operator.customers.caption" values={{ name: org.name }} /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="operator.col.customer" /></th>
                <th scope="col"><FormattedMessage id="operator.col.relationship" /></th>
                <th scope="col"><FormattedMessage id="operator.col.otherPartners" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const own = c.partners.find((p) => p.id === org.id);
                return (
                  <tr key={c.id}>
                    <td data-label={intl.formatMessage({ id: 'operator.col.customer' })}><Link to={`/operator/organizations/${encodeURIComponent(c.id)}`}>{c.name}</Link></td>
                    <td data-label={intl.formatMessage({ id: 'operator.col.relationship' })}>
                      {own && <FormattedMessage id={own.status === 'active' ? 'operator.customers.activeSince' : 'operator.customers.endedAt'} values={{ when: <DateTime value={own.status === 'active' ? own.since : own.endedAt} /> }} />}
                    </td>
                    <td data-label={intl.formatMessage({ id: 'operator.col.otherPartners' })}><PartnerList customer={c} exceptId={org.id} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PartnersOf({ org }: { org: Organization }) {
  const intl = useIntl();
  const customer = useCustomer(org.id, true);
  return (
    <section aria-labelledby="org-partners" className="card">
      <h2 id="org-partners"><FormattedMessage id="operator.partners.title" /></h2>
      {customer.isPending && <Loading />}
      <ErrorNotice error={customer.error} onRetry={() => void customer.refetch()} />
      {customer.data && customer.data.partners.length === 0 && <EmptyState title={intl.formatMessage({ id: 'operator.partners.empty' })} />}
      {customer.data && customer.data.partners.length > 0 && <p><PartnerList customer={customer.data} /></p>}
    </section>
  );
}
