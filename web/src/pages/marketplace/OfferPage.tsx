/**
 * Product details (`/marketplace/:offerId`): Overview (description, publisher, links, documents,
 * partner resources and ISV contacts when the API gives them) and Plans + pricing (each plan's
 * markets and prices in the viewer's language), and for those who may buy, a tab to buy a plan for
 * a customer. Partner roles that work cases get the API's case-work view instead: what their cases
 * need of the offer, and no more. The selected tab is kept in the address (`?tab=`).
 */
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { api } from '../../api/client.ts';
import type { OfferCaseView, OfferDetails, Plan } from '../../api/types.ts';
import { useCan } from '../../app/session.tsx';
import { ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { BuyForCustomer } from './BuyForCustomer.tsx';
import { ResaleOptIn } from './OptIn.tsx';
import { StatusLink } from '../status/StatusLink.tsx';
import { AvailabilityMark, useCategoryLabel, useMoney, usePlanWords, useRegionName } from './parts.tsx';

type OfferView = OfferDetails | OfferCaseView;
type Contact = NonNullable<OfferDetails['overview']['contacts']>['support'];
type LinkOut = OfferDetails['overview']['links'][number];

export default function OfferPage() {
  const intl = useIntl();
  const { offerId = '' } = useParams();
  const offer = useQuery({
    queryKey: ['offers', 'one', offerId],
    queryFn: ({ signal }) => api<OfferView>('GET', `/offers/${encodeURIComponent(offerId)}`, { signal }),
    retry: false,
  });

  if (offer.isPending) {
    const title = intl.formatMessage({ id: 'marketplace.offer.loadingTitle' });
    return <><PageTitle title={title}>{title}</PageTitle><Loading /></>;
  }
  if (offer.isError) {
    const title = intl.formatMessage({ id: 'marketplace.offer.errorTitle' });
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorNotice error={offer.error} onRetry={() => void offer.refetch()} />
        <p><RouterLink to="/marketplace"><FormattedMessage id="marketplace.offer.back" /></RouterLink></p>
      </>
    );
  }
  return offer.data.view === 'case_work' ? <CaseWorkView offer={offer.data} /> : <MarketplaceView offer={offer.data} />;
}

function CaseWorkView({ offer }: { offer: OfferCaseView }) {
  const intl = useIntl();
  return (
    <>
      <PageTitle title={offer.name}>{offer.name}</PageTitle>
      <p className="marketplace-muted">
        <FormattedMessage id="marketplace.card.by" values={{ publisher: offer.publisher.name }} />
        {' · '}{intl.formatMessage({ id: `marketplace.type.${offer.type}` })}
      </p>
      <p className="notice notice-info"><FormattedMessage id="marketplace.caseView.explain" /></p>
      <StatusLink offerId={offer.id} />
      {offer.supportContact && (
        <section className="card" aria-labelledby="offer-support-contact">
          <h2 id="offer-support-contact"><FormattedMessage id="marketplace.contacts.support" /></h2>
          <ContactFacts contact={offer.supportContact} />
        </section>
      )}
    </>
  );
}

function MarketplaceView({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const categoryLabel = useCategoryLabel();
  const canBuy = useCan('subscriptions.purchase');
  const [params, setParams] = useSearchParams();
  const tabs = ['overview', 'plans', ...(canBuy ? ['buy'] : [])];
  const tab = tabs.includes(params.get('tab') ?? '') ? params.get('tab')! : 'overview';
  function selectTab(key: Key) {
    const p = new URLSearchParams(params);
    if (key === 'overview') p.delete('tab'); else p.set('tab', String(key));
    setParams(p, { replace: true });
  }

  return (
    <>
      <p className="marketplace-breadcrumb"><RouterLink to="/marketplace"><FormattedMessage id="marketplace.offer.back" /></RouterLink></p>
      <PageTitle title={offer.name}>{offer.name}</PageTitle>
      <p className="marketplace-muted">
        <FormattedMessage id="marketplace.card.by" values={{ publisher: offer.publisher.name }} />
        {' · '}{intl.formatMessage({ id: `marketplace.type.${offer.type}` })}
      </p>
      <p>{offer.shortDescription}</p>
      <p className="marketplace-tags">
        {offer.categories.map((c) => <span key={c} className="badge badge-neutral">{categoryLabel(c)}</span>)}
      </p>
      <AvailabilityMark availability={offer.availability} />
      <StatusLink offerId={offer.id} />
      <ResaleOptIn offer={offer} />

      <Tabs selectedKey={tab} onSelectionChange={selectTab}>
        <TabList className="tabs-list" aria-label={intl.formatMessage({ id: 'marketplace.offer.tabs' })}>
          <Tab id="overview" className="tab"><FormattedMessage id="marketplace.tab.overview" /></Tab>
          <Tab id="plans" className="tab"><FormattedMessage id="marketplace.tab.plans" /></Tab>
          {canBuy && <Tab id="buy" className="tab"><FormattedMessage id="marketplace.tab.buy" /></Tab>}
        </TabList>
        <TabPanel id="overview"><Overview offer={offer} /></TabPanel>
        <TabPanel id="plans"><Plans plans={offer.plans} /></TabPanel>
        {canBuy && <TabPanel id="buy"><BuyForCustomer offer={offer} /></TabPanel>}
      </Tabs>
    </>
  );
}

function Overview({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const { overview } = offer;
  const resources = overview.partnerResources;
  const contacts = overview.contacts;
  return (
    <div className="marketplace-overview">
      <section aria-labelledby="offer-description">
        <h2 id="offer-description"><FormattedMessage id="marketplace.overview.description" /></h2>
        {overview.description.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="offer-publisher">
          <h2 id="offer-publisher"><FormattedMessage id="marketplace.overview.publisher" /></h2>
          <p>{overview.publisher.name}</p>
          <LinkList links={overview.links} empty={intl.formatMessage({ id: 'marketplace.overview.noLinks' })} label={intl.formatMessage({ id: 'marketplace.overview.links' })} />
        </section>
        <section className="card" aria-labelledby="offer-documents">
          <h2 id="offer-documents"><FormattedMessage id="marketplace.overview.documents" /></h2>
          <LinkList links={overview.documents} empty={intl.formatMessage({ id: 'marketplace.overview.noDocuments' })} />
        </section>
      </div>
      {resources && (
        <section className="card" aria-labelledby="offer-resources">
          <h2 id="offer-resources"><FormattedMessage id="marketplace.overview.partnerResources" /></h2>
          <div className="marketplace-resources">
            {(['userDocumentation', 'training', 'salesAndMarketing'] as const).map((k) => (
              <div key={k}>
                <h3><FormattedMessage id={`marketplace.resources.${k}`} /></h3>
                <LinkList links={resources[k]} empty={intl.formatMessage({ id: 'marketplace.overview.noResources' })} />
              </div>
            ))}
          </div>
        </section>
      )}
      {contacts && (
        <section className="card" aria-labelledby="offer-contacts">
          <h2 id="offer-contacts"><FormattedMessage id="marketplace.contacts.title" /></h2>
          <div className="grid-2">
            <div>
              <h3><FormattedMessage id="marketplace.contacts.support" /></h3>
              <ContactFacts contact={contacts.support} />
            </div>
            <div>
              <h3><FormattedMessage id="marketplace.contacts.engineering" /></h3>
              <ContactFacts contact={contacts.engineering} />
            </div>
            {contacts.cspProgram && (
              <div>
                <h3><FormattedMessage id="marketplace.contacts.cspProgram" /></h3>
                <ContactFacts contact={contacts.cspProgram} />
              </div>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

function LinkList({ links, empty, label }: { links: LinkOut[]; empty: string; label?: string }) {
  if (links.length === 0) return <p className="marketplace-muted">{empty}</p>;
  return (
    <ul className="marketplace-links" aria-label={label}>
      {links.map((l) => <li key={l.url + l.title}><a href={l.url} target="_blank" rel="noreferrer noopener">{l.title}</a></li>)}
    </ul>
  );
}

function ContactFacts({ contact }: { contact: Contact }) {
  return (
    <dl className="facts">
      <dt><FormattedMessage id="marketplace.contacts.name" /></dt><dd>{contact.name}</dd>
      <dt><FormattedMessage id="marketplace.contacts.email" /></dt><dd><a href={`mailto:${contact.email}`}>{contact.email}</a></dd>
      <dt><FormattedMessage id="marketplace.contacts.phone" /></dt><dd><a href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`}>{contact.phone}</a></dd>
      {contact.website && <><dt><FormattedMessage id="marketplace.contacts.website" /></dt><dd><a href={contact.website} target="_blank" rel="noreferrer noopener">{contact.website}</a></dd></>}
      {contact.marketingMaterialsUrl && (
        <><dt><FormattedMessage id="marketplace.contacts.marketing" /></dt><dd><a href={contact.marketingMaterialsUrl} target="_blank" rel="noreferrer noopener">{contact.marketingMaterialsUrl}</a></dd></>
      )}
    </dl>
  );
}

function Plans({ plans }: { plans: Plan[] }) {
  const intl = useIntl();
  const money = useMoney();
  const region = useRegionName();
  const words = usePlanWords();
  if (plans.length === 0) return <p className="empty"><FormattedMessage id="marketplace.plans.none" /></p>;
  return (
    <div className="marketplace-plans">
      {plans.map((plan) => (
        <section key={plan.id} className="card" aria-labelledby={`plan-${plan.id}`}>
          <h2 id={`plan-${plan.id}`}>{plan.name}</h2>
          {plan.description && <p>{plan.description}</p>}
          <dl className="facts">
            <dt><FormattedMessage id="marketplace.plans.billing" /></dt><dd>{words.billing(plan.billing)}</dd>
            <dt><FormattedMessage id="marketplace.plans.cycles" /></dt><dd>{plan.billingCycles.map(words.cycle).join(', ')}</dd>
            <dt><FormattedMessage id="marketplace.plans.terms" /></dt><dd>{plan.terms.map(words.term).join(', ')}</dd>
            <dt><FormattedMessage id="marketplace.plans.quantity" /></dt>
            <dd><FormattedMessage id="marketplace.plans.quantityRange" values={{ min: plan.minQuantity, max: plan.maxQuantity }} /></dd>
            <dt><FormattedMessage id="marketplace.plans.trial" /></dt>
            <dd>{plan.trialDays > 0 ? intl.formatMessage({ id: 'marketplace.plans.trialDays' }, { days: plan.trialDays }) : intl.formatMessage({ id: 'marketplace.plans.noTrial' })}</dd>
          </dl>
          <div className="table-wrap">
            <table className="responsive">
              <caption><FormattedMessage id="marketplace.plans.pricesCaption" values={{ plan: plan.name }} /></caption>
              <thead>
                <tr>
                  <th scope="col"><FormattedMessage id="marketplace.plans.market" /></th>
                  <th scope="col"><FormattedMessage id="marketplace.plans.price" /></th>
                </tr>
              </thead>
              <tbody>
                {plan.prices.map((p) => (
                  <tr key={p.market}>
                    <td data-label={intl.formatMessage({ id: 'marketplace.plans.market' })}>{region(p.market)}</td>
                    <td data-label={intl.formatMessage({ id: 'marketplace.plans.price' })}>
                      <FormattedMessage id={plan.billing === 'usage' ? 'marketplace.plans.perUsage' : 'marketplace.plans.perUnit'} values={{ price: money(p.amount, p.currency) }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
