/**
 * A new offer (`/publishing/offers/new`): its id (never changes), details, ISV contacts, partner
 * resources and CSP audience, checked here and then by the API (its refusals shown); sent once
 * with an Idempotency-Key. Plans and the agreement are added on the offer's page, opened next.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { api, isApiError, newIdempotencyKey } from '../../api/client.ts';
import type { CreateOfferBody, OfferDetails } from '../../api/types.ts';
import { useCan } from '../../app/session.tsx';
import { EmptyState, PageTitle } from '../../components/ui.tsx';
import { AudiencePicker } from './AudiencePicker.tsx';
import { OFFERS_KEY, offerKey } from './data.ts';
import { ContactsFields, contactsBody, DetailsFields, detailsBody, emptyOffer, type OfferFormValues } from './OfferFields.tsx';
import { PublishingError } from './PublishingError.tsx';

export default function NewOfferPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = useCan('catalog.manage_offers');
  const form = useForm<OfferFormValues>({ defaultValues: emptyOffer(), mode: 'onTouched' });
  const [audience, authorized] = useWatch({ control: form.control, name: ['audience', 'authorizedPartnerIds'] });
  const idempotency = useRef<{ key: string; input: string } | null>(null);

  const create = useMutation({
    mutationFn: ({ body, key }: { body: CreateOfferBody; key: string }) => api<OfferDetails>('POST', '/offers', { body, idempotencyKey: key }),
    onSuccess: (offer) => {
      idempotency.current = null;
      client.setQueryData(offerKey(offer.id), offer);
      void client.invalidateQueries({ queryKey: OFFERS_KEY });
      void navigate(`/publishing/offers/${encodeURIComponent(offer.id)}?tab=plans&created=1`);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'OFFER_ID_TAKEN') {
        form.setError('id', { message: intl.formatMessage({ id: 'publishing.details.idTaken' }) }, { shouldFocus: true });
      }
    },
  });

  const title = intl.formatMessage({ id: 'publishing.new.title' });
  if (!canManage) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <EmptyState title={intl.formatMessage({ id: 'publishing.notAllowed' })}><p><FormattedMessage id="publishing.notAllowedHint" /></p></EmptyState>
      </>
    );
  }

  function onSubmit(v: OfferFormValues) {
    const body: CreateOfferBody = {
      id: v.id.trim(), ...detailsBody(v), ...contactsBody(v), cspAudience: v.audience,
      ...(v.audience === 'specific' ? { authorizedPartnerIds: v.authorizedPartnerIds } : {}),
    };
    const input = JSON.stringify(body);
    if (!idempotency.current || idempotency.current.input !== input) idempotency.current = { key: newIdempotencyKey(), input };
    create.mutate({ body, key: idempotency.current.key });
  }

  return (
    <>
      <p className="publishing-breadcrumb"><Link to="/publishing"><FormattedMessage id="publishing.backToOffers" /></Link></p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="publishing-muted"><FormattedMessage id="publishing.new.intro" /></p>
      <FormProvider {...form}>
        <form className="form" noValidate onSubmit={(e) => void form.handleSubmit(onSubmit)(e)}>
          <section className="card" aria-labelledby="new-details">
            <h2 id="new-details"><FormattedMessage id="publishing.tab.details" /></h2>
            <div className="form"><DetailsFields withId /></div>
          </section>
          <section className="card" aria-labelledby="new-contacts">
            <h2 id="new-contacts"><FormattedMessage id="publishing.tab.contacts" /></h2>
            <div className="form"><ContactsFields audience={audience} /></div>
          </section>
          <section className="card" aria-labelledby="new-audience">
            <h2 id="new-audience"><FormattedMessage id="publishing.tab.audience" /></h2>
            <AudiencePicker idPrefix="new" audience={audience} authorized={authorized}
              onAudience={(a) => { form.setValue('audience', a); if (form.formState.isSubmitted) void form.trigger('hasCspProgram'); }}
              onAuthorized={(ids) => form.setValue('authorizedPartnerIds', ids)} />
          </section>
          {Object.keys(form.formState.errors).length > 0 && (
            <p className="notice notice-error" role="alert"><FormattedMessage id="publishing.form.fixErrors" /></p>
          )}
          <PublishingError error={create.error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              <FormattedMessage id={create.isPending ? 'publishing.new.creating' : 'publishing.new.create'} />
            </button>
            <Link className="button button-ghost" to="/publishing"><FormattedMessage id="common.cancel" /></Link>
          </div>
          {create.isPending && <p role="status" className="visually-hidden"><FormattedMessage id="publishing.new.creating" /></p>}
        </form>
      </FormProvider>
    </>
  );
}
