/**
 * A customer (`/customers/:customerId`): its details and partners, and its subscriptions (status,
 * activation, designated support contact, open incidents of the offer), each linking to its page.
 */
import { useQueries } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useCan } from '../../app/session.tsx';
import { SubscriptionBadge } from '../../components/labels.tsx';
import { DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { regionName } from './CustomersPage.tsx';
import { offerQuery, planOf, useCustomer, useCustomerSubscriptions } from './data.ts';
import { Activation, OpenIncidents, SupportContact } from './parts.tsx';

export default function CustomerPage() {
  const intl = useIntl();
  const { customerId } = useParams();
  const customer = useCustomer(customerId);
  const canSubscriptions = useCan('subscriptions.read');

  if (customer.isPending) return <Loading />;
  if (customer.isError) {
    const title = intl.formatMessage({ id: 'customers.customer.unavailable' });
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorNotice error={customer.error} onRetry={() => void customer.refetch()} />
        <p><Link to="/customers"><FormattedMessage id="customers.backToList" /></Link></p>
      </>
    );
  }
  const c = customer.data;
  return (
    <>
      <p className="customers-breadcrumb"><Link to="/customers"><FormattedMessage id="customers.backToList" /></Link></p>
      <PageTitle title={c.name}>{c.name}</PageTitle>
      <div className="grid-2">
        <section className="card" aria-labelledby="customer-details">
          <h2 id="customer-details"><FormattedMessage id="customers.customer.details" /></h2>
          <dl className="facts">
            <dt><FormattedMessage id="customers.col.country" /></dt>
            <dd>{regionName(intl.locale, c.country)}</dd>
            <dt><FormattedMessage id="customers.customer.since" /></dt>
            <dd><DateTime value={c.createdAt} /></dd>
            <dt><FormattedMessage id="customers.customer.id" /></dt>
            <dd><code>{c.id}</code></dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="customer-partners">
          <h2 id="customer-partners"><FormattedMessage id="customers.col.partners" /></h2>
          {c.partners.length === 0 ? <p><FormattedMessage id="customers.customer.noPartners" /></p> : (
            <ul className="list">
              {c.partners.map((p) => (
                <li key={p.relationshipId}>
                  <strong>{p.name ?? p.id}</strong>
                  {p.partnerModel && <span className="customers-muted"> · {intl.formatMessage({ id: `customers.partnerModel.${p.partnerModel}` })}</span>}
                  <br />
                  <span className="customers-muted">
                    {p.status === 'active'
                      ? <FormattedMessage id="customers.relationship.activeSince" values={{ when: <DateTime value={p.since} /> }} />
                      : <FormattedMessage id="customers.relationship.endedAt" values={{ when: <DateTime value={p.endedAt} /> }} />}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {canSubscriptions && <CustomerSubscriptions customerId={c.id} customer={c} />}
    </>
  );
}

function CustomerSubscriptions({ customerId, customer }: { customerId: string; customer: Parameters<typeof SupportContact>[0]['customer'] }) {
  const intl = useIntl();
  const pages = useUrlList([]);
  const subs = useCustomerSubscriptions(customerId, pages.cursor);
  const items = subs.data?.items ?? [];
  const offerIds = [...new Set(items.map((s) => s.offerId))];
  const offers = useQueries({ queries: offerIds.map((id) => offerQuery(id)) });
  const offerById = new Map(offerIds.map((id, i) => [id, offers[i]?.data]));
  const col = (id: string) => intl.formatMessage({ id });

  return (
    <section aria-labelledby="customer-subscriptions">
      <h2 id="customer-subscriptions"><FormattedMessage id="customers.subscriptions.title" /></h2>
      {subs.isPending && <Loading />}
      <ErrorNotice error={subs.error} onRetry={() => void subs.refetch()} />
      {subs.isSuccess && items.length === 0 && (
        <EmptyState title={col('customers.subscriptions.empty')}><p><FormattedMessage id="customers.subscriptions.emptyHint" /></p></EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="customers.col.offer" /></th>
                <th scope="col"><FormattedMessage id="customers.col.status" /></th>
                <th scope="col"><FormattedMessage id="customers.col.quantity" /></th>
                <th scope="col"><FormattedMessage id="customers.col.activation" /></th>
                <th scope="col"><FormattedMessage id="customers.col.supportContact" /></th>
                <th scope="col"><FormattedMessage id="customers.col.incidents" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const offer = offerById.get(s.offerId);
                const plan = planOf(offer, s.planId);
                return (
                  <tr key={s.id}>
                    <td data-label={col('customers.col.offer')}>
                      <Link to={`/subscriptions/${encodeURIComponent(s.id)}`}>{offer?.name ?? s.offerId}</Link>
                      <br /><span className="customers-muted"><FormattedMessage id="customers.subscriptions.plan" values={{ plan: plan?.name ?? s.planId }} /></span>
                    </td>
                    <td data-label={col('customers.col.status')}><SubscriptionBadge status={s.status} /></td>
                    <td data-label={col('customers.col.quantity')}>{intl.formatNumber(s.quantity)}</td>
                    <td data-label={col('customers.col.activation')}><Activation subscription={s} /></td>
                    <td data-label={col('customers.col.supportContact')}><SupportContact subscription={s} customer={customer} /></td>
                    <td data-label={col('customers.col.incidents')}><OpenIncidents incidents={s.openIncidents} compact /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        hasNext={Boolean(subs.data?.nextCursor)}
        isFirst={pages.isFirst}
        busy={subs.isFetching}
        onNext={() => pages.next(subs.data?.nextCursor)}
        onFirst={pages.first}
      />
    </section>
  );
}
