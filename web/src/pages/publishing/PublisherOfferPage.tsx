/**
 * One of the publisher's offers (`/publishing/offers/:offerId`), in tabs saved one by one:
 * details, contacts and partner resources, plans (markets and prices), the CSP audience (its
 * transition rules; a refusal names the partners it would deauthorize) and the third-party
 * agreement's versions with their SLA terms. The tab is kept in the address (`?tab=`).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { Tab, TabList, TabPanel, Tabs, type Key } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { OfferDetails, UpdateOfferBody } from '../../api/types.ts';
import { useViewer } from '../../app/session.tsx';
import { DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { AgreementsTab } from './AgreementsTab.tsx';
import { AudienceTab } from './AudienceTab.tsx';
import { OFFERS_KEY, offerKey, useOwnOffer } from './data.ts';
import { ContactsFields, contactsBody, DetailsFields, detailsBody, offerValues, type OfferFormValues } from './OfferFields.tsx';
import { PlansTab } from './PlansTab.tsx';
import { AudienceBadge } from './parts.tsx';
import { PublishingError } from './PublishingError.tsx';

const TABS = ['details', 'contacts', 'plans', 'audience', 'agreements'] as const;

export default function PublisherOfferPage() {
  const intl = useIntl();
  const { offerId = '' } = useParams();
  const me = useViewer();
  const offer = useOwnOffer(offerId);
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'details';
  const created = params.get('created') === '1';

  function selectTab(key: Key) {
    const p = new URLSearchParams(params);
    p.delete('created');
    if (key === 'details') p.delete('tab'); else p.set('tab', String(key));
    setParams(p, { replace: true });
  }

  if (offer.isPending) {
    const title = intl.formatMessage({ id: 'publishing.offer.loading' });
    return <><PageTitle title={title}>{title}</PageTitle><Loading /></>;
  }
  const back = <p className="publishing-breadcrumb"><Link to="/publishing"><FormattedMessage id="publishing.backToOffers" /></Link></p>;
  if (offer.isError) {
    const title = intl.formatMessage({ id: 'publishing.offer.unavailable' });
    return <>{back}<PageTitle title={title}>{title}</PageTitle><ErrorNotice error={offer.error} onRetry={() => void offer.refetch()} /></>;
  }
  const o = offer.data;
  if (o.view !== 'marketplace' || o.publisher.id !== me.organization.id) {
    const title = intl.formatMessage({ id: 'publishing.offer.notYours' });
    return (
      <>{back}<PageTitle title={title}>{title}</PageTitle>
        <EmptyState title={intl.formatMessage({ id: 'publishing.offer.notYoursHint' }, { name: o.name })}>
          <p><Link to={`/marketplace/${encodeURIComponent(o.id)}`}><FormattedMessage id="publishing.offer.openInMarketplace" /></Link></p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {back}
      <PageTitle title={o.name}>{o.name}</PageTitle>
      <p className="publishing-muted">
        <code>{o.id}</code>{' · '}{intl.formatMessage({ id: `marketplace.type.${o.type}` })}{' · '}<AudienceBadge audience={o.cspAudience} />
        {' · '}<FormattedMessage id="publishing.offer.updated" values={{ when: <DateTime value={o.updatedAt} /> }} />
        {' · '}<Link to={`/marketplace/${encodeURIComponent(o.id)}`}><FormattedMessage id="publishing.offer.openInMarketplace" /></Link>
      </p>
      {created && <p className="notice notice-success" role="status"><FormattedMessage id="publishing.offer.created" /></p>}
      <Tabs selectedKey={tab} onSelectionChange={selectTab}>
        <TabList className="tabs-list" aria-label={intl.formatMessage({ id: 'publishing.offer.tabs' })}>
          {TABS.map((t) => <Tab key={t} id={t} className="tab"><FormattedMessage id={`publishing.tab.${t}`} /></Tab>)}
        </TabList>
        <TabPanel id="details"><DetailsTab offer={o} /></TabPanel>
        <TabPanel id="contacts"><ContactsTab offer={o} /></TabPanel>
        <TabPanel id="plans"><PlansTab offer={o} /></TabPanel>
        <TabPanel id="audience"><AudienceTab offer={o} /></TabPanel>
        <TabPanel id="agreements"><AgreementsTab offer={o} /></TabPanel>
      </Tabs>
    </>
  );
}

/** A PATCH of the offer, the answer put in the cache. */
function useUpdateOffer(offerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOfferBody) => api<OfferDetails>('PATCH', `/offers/${encodeURIComponent(offerId)}`, { body }),
    onSuccess: (o) => {
      client.setQueryData(offerKey(offerId), o);
      void client.invalidateQueries({ queryKey: [...OFFERS_KEY, 'own'] });
    },
  });
}

function SaveRow({ pending, saved, error, label }: { pending: boolean; saved: boolean; error: unknown; label: string }) {
  return (
    <>
      <PublishingError error={error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? <FormattedMessage id="publishing.form.saving" /> : label}
        </button>
      </div>
      <div aria-live="polite">
        {pending && <p role="status" className="visually-hidden"><FormattedMessage id="publishing.form.saving" /></p>}
        {saved && !pending && <p className="notice notice-success" role="status"><FormattedMessage id="publishing.form.saved" /></p>}
      </div>
    </>
  );
}

function DetailsTab({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const form = useForm<OfferFormValues>({ defaultValues: offerValues(offer), mode: 'onTouched' });
  const update = useUpdateOffer(offer.id);
  const [saved, setSaved] = useState(false);
  return (
    <FormProvider {...form}>
      <form className="form card" noValidate aria-labelledby="edit-details" onSubmit={(e) => void form.handleSubmit((v) => {
        setSaved(false);
        update.mutate(detailsBody(v), { onSuccess: (o) => { form.reset(offerValues(o)); setSaved(true); } });
      })(e)}>
        <h2 id="edit-details"><FormattedMessage id="publishing.tab.details" /></h2>
        <p className="field-hint"><FormattedMessage id="publishing.details.idFixed" values={{ id: offer.id }} /></p>
        <DetailsFields withId={false} />
        <SaveRow pending={update.isPending} saved={saved} error={update.error} label={intl.formatMessage({ id: 'publishing.details.save' })} />
      </form>
    </FormProvider>
  );
}

function ContactsTab({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const form = useForm<OfferFormValues>({ defaultValues: offerValues(offer), mode: 'onTouched' });
  const update = useUpdateOffer(offer.id);
  const [saved, setSaved] = useState(false);
  return (
    <FormProvider {...form}>
      <form className="form card" noValidate aria-labelledby="edit-contacts" onSubmit={(e) => void form.handleSubmit((v) => {
        setSaved(false);
        update.mutate(contactsBody(v), { onSuccess: (o) => { form.reset(offerValues(o)); setSaved(true); } });
      })(e)}>
        <h2 id="edit-contacts"><FormattedMessage id="publishing.tab.contacts" /></h2>
        <ContactsFields audience={offer.cspAudience} />
        <SaveRow pending={update.isPending} saved={saved} error={update.error} label={intl.formatMessage({ id: 'publishing.contacts.save' })} />
      </form>
    </FormProvider>
  );
}
