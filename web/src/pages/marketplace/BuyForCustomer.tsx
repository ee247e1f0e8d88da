/**
 * Buying a plan of the offer for a customer (partners with `subscriptions.purchase`): the customer,
 * the plan, its billing cycle and term, the quantity within the plan's bounds; the market is the
 * customer's country (the API decides it). Before buying, the API's purchasability for the chosen
 * customer and plan, with every reason it can't be bought in the viewer's language; the current
 * agreement to read and accept. Sent once with an Idempotency-Key (kept while the input stays the
 * same, so a retry is not a second purchase), then a notice linking to the new subscription.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api, isApiError, newIdempotencyKey } from '../../api/client.ts';
import type { Customer, OfferDetails, Page, PurchaseBody, Purchasability, Relationship, Subscription } from '../../api/types.ts';
import { fieldErrors } from '../../app/errors.ts';
import { useViewer } from '../../app/session.tsx';
import { ErrorNotice, Loading } from '../../components/ui.tsx';
import { useLocale } from '../../i18n/i18n.tsx';
import { useMoney, usePlanWords, useRegionName } from './parts.tsx';

interface Form {
  customerId: string;
  /** The other side of the indirect chain: the reseller of record (a provider buys) or the provider (a reseller buys). */
  throughId: string;
  planId: string;
  billingCycle: string;
  term: string;
  quantity: number;
  accept: boolean;
}
type Reason = Purchasability['plans'][number]['reasons'][number];

export function BuyForCustomer({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const client = useQueryClient();
  const money = useMoney();
  const region = useRegionName();
  const words = usePlanWords();
  const [customerSearch, setCustomerSearch] = useState('');
  const [bought, setBought] = useState<Subscription | null>(null);
  const idempotency = useRef<{ key: string; input: string } | null>(null);

  const firstPlan = offer.plans[0];
  const { register, handleSubmit, control, setValue, reset, formState: { errors } } = useForm<Form>({
    defaultValues: {
      customerId: '', throughId: '', planId: firstPlan?.id ?? '', billingCycle: firstPlan?.billingCycles[0] ?? '', term: firstPlan?.terms[0] ?? '',
      quantity: firstPlan?.minQuantity ?? 1, accept: false,
    },
  });
  const [customerId, planId, throughId] = useWatch({ control, name: ['customerId', 'planId', 'throughId'] });
  const partnerModel = useViewer().organization.partnerModel;
  const through = partnerModel === 'indirect_provider' ? 'resellerId' : partnerModel === 'indirect_reseller' ? 'providerId' : null;
  const chain = through && throughId ? { [through]: throughId } : {};
  const plan = offer.plans.find((p) => p.id === planId);

  // A plan's own cycles, terms and quantity bounds once it is chosen.
  useEffect(() => {
    if (!plan) return;
    setValue('billingCycle', plan.billingCycles[0] ?? '');
    setValue('term', plan.terms[0] ?? '');
    setValue('quantity', plan.minQuantity);
  }, [plan, setValue]);

  const customers = useQuery({
    queryKey: ['customers', 'list', customerSearch.trim(), 'active', null, 'for-purchase'],
    queryFn: ({ signal }) => api<Page<Customer>>('GET', '/customers', { query: { q: customerSearch.trim() || undefined, status: 'active', limit: 100 }, signal }),
    placeholderData: keepPreviousData,
  });
  const customer = customers.data?.items.find((c) => c.id === customerId);

  // Indirect partners name the other side of the chain, among their active relationships.
  const relationships = useQuery({
    queryKey: ['channel', 'relationships', 'active', 'for-purchase'],
    queryFn: ({ signal }) => api<Page<Relationship>>('GET', '/channel/relationships', { query: { status: 'active', limit: 100 }, signal }),
    enabled: through !== null,
  });

  const purchasability = useQuery({
    queryKey: ['offers', 'purchasability', offer.id, customerId, throughId],
    queryFn: ({ signal }) => api<Purchasability>('GET', `/offers/${encodeURIComponent(offer.id)}/purchasability`, { query: { customerId, ...chain }, signal }),
    enabled: Boolean(customerId) && (through === null || Boolean(throughId)),
  });
  const planVerdict = purchasability.data?.plans.find((p) => p.planId === planId);
  const blocked = Boolean(planVerdict && !planVerdict.purchasable);

  const purchase = useMutation({
    mutationFn: ({ body, key }: { body: PurchaseBody; key: string }) => api<Subscription>('POST', '/subscriptions', { body, idempotencyKey: key }),
    onSuccess: (subscription) => {
      idempotency.current = null;
      setBought(subscription);
      void client.invalidateQueries({ queryKey: ['offers', 'purchasability', offer.id] });
      void client.invalidateQueries({ queryKey: ['subscriptions'] });
    },
    onError: () => { void purchasability.refetch(); },
  });

  function onSubmit(values: Form) {
    if (!offer.agreement) return;
    const body: PurchaseBody = {
      customerId: values.customerId, offerId: offer.id, planId: values.planId, quantity: Number(values.quantity),
      billingCycle: values.billingCycle, term: values.term, acceptedAgreementVersion: offer.agreement.version,
      ...(through && values.throughId ? { [through]: values.throughId } : {}),
    };
    const input = JSON.stringify(body);
    if (!idempotency.current || idempotency.current.input !== input) idempotency.current = { key: newIdempotencyKey(), input };
    purchase.mutate({ body, key: idempotency.current.key });
  }

  function buyAnother() {
    setBought(null);
    purchase.reset();
    reset();
  }

  if (bought) {
    return (
      <section className="card" aria-labelledby="buy-done">
        <h2 id="buy-done"><FormattedMessage id="marketplace.buy.title" /></h2>
        <div className="notice notice-success" role="status">
          <p><FormattedMessage id="marketplace.buy.done" values={{ plan: offer.plans.find((p) => p.id === bought.planId)?.name ?? bought.planId, customer: customer?.name ?? bought.customerId }} /></p>
          <p><Link to={`/subscriptions/${encodeURIComponent(bought.id)}`}><FormattedMessage id="marketplace.buy.openSubscription" /></Link></p>
        </div>
        <button type="button" className="button button-secondary" onClick={buyAnother}><FormattedMessage id="marketplace.buy.another" /></button>
      </section>
    );
  }

  if (offer.plans.length === 0) return <p className="empty"><FormattedMessage id="marketplace.plans.none" /></p>;

  const fields = fieldErrors(purchase.error);
  const problemReasons = isApiError(purchase.error) && purchase.error.code === 'PURCHASE_NOT_ALLOWED'
    ? ((purchase.error.problem as { reasons?: Reason[] } | null)?.reasons ?? []) : [];
  const reasons = planVerdict && !planVerdict.purchasable ? planVerdict.reasons : problemReasons;
  const price = plan && customer ? plan.prices.find((p) => p.market === customer.country) : undefined;
  const required = intl.formatMessage({ id: 'marketplace.buy.required' });

  return (
    <section className="card" aria-labelledby="buy-title">
      <h2 id="buy-title"><FormattedMessage id="marketplace.buy.title" /></h2>
      <p className="marketplace-muted"><FormattedMessage id="marketplace.buy.intro" /></p>
      <form className="form" noValidate onSubmit={(e) => void handleSubmit(onSubmit)(e)}>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="buy-customer-search"><FormattedMessage id="marketplace.buy.customerSearch" /></label>
            <input id="buy-customer-search" type="search" value={customerSearch} maxLength={200} onChange={(e) => setCustomerSearch(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="buy-customer"><FormattedMessage id="marketplace.buy.customer" /></label>
            <select id="buy-customer" aria-invalid={Boolean(errors.customerId)} aria-describedby={errors.customerId ? 'buy-customer-error' : undefined}
              {...register('customerId', { required })}>
              <option value="">{intl.formatMessage({ id: customers.isPending ? 'common.loading' : 'marketplace.buy.customerChoose' })}</option>
              {(customers.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name} ({region(c.country)})</option>)}
            </select>
            {errors.customerId && <p id="buy-customer-error" className="field-error">{errors.customerId.message}</p>}
            {customers.isSuccess && customers.data.items.length === 0 && <p className="field-hint"><FormattedMessage id="marketplace.buy.noCustomers" /></p>}
          </div>
        </div>
        <ErrorNotice error={customers.error} />
        {through && (
          <div className="field">
            <label htmlFor="buy-through"><FormattedMessage id={through === 'resellerId' ? 'marketplace.buy.reseller' : 'marketplace.buy.provider'} /></label>
            <select id="buy-through" aria-invalid={Boolean(errors.throughId)} aria-describedby={errors.throughId ? 'buy-through-error' : 'buy-through-hint'}
              {...register('throughId', { required })}>
              <option value="">{intl.formatMessage({ id: relationships.isPending ? 'common.loading' : 'marketplace.buy.throughChoose' })}</option>
              {(relationships.data?.items ?? []).map((r) => {
                const party = through === 'resellerId' ? r.reseller : r.provider;
                return <option key={r.id} value={party.id}>{party.name ?? party.id}</option>;
              })}
            </select>
            {errors.throughId
              ? <p id="buy-through-error" className="field-error">{errors.throughId.message}</p>
              : <p id="buy-through-hint" className="field-hint"><FormattedMessage id={through === 'resellerId' ? 'marketplace.buy.resellerHint' : 'marketplace.buy.providerHint'} /></p>}
            {fields[through] && <p className="field-error">{fields[through]}</p>}
            <ErrorNotice error={relationships.error} />
          </div>
        )}

        <div className="grid-2">
          <div className="field">
            <label htmlFor="buy-plan"><FormattedMessage id="marketplace.buy.plan" /></label>
            <select id="buy-plan" {...register('planId', { required })}>
              {offer.plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </div>
          <div className="field">
            <span className="field-label" id="buy-market-label"><FormattedMessage id="marketplace.buy.market" /></span>
            <p aria-labelledby="buy-market-label" className="marketplace-fact">
              {customer ? region(customer.country) : intl.formatMessage({ id: 'marketplace.buy.marketUnknown' })}
              {price && <> · <FormattedMessage id="marketplace.buy.priceInMarket" values={{ price: money(price.amount, price.currency) }} /></>}
            </p>
            <p className="field-hint"><FormattedMessage id="marketplace.buy.marketHint" /></p>
          </div>
          <div className="field">
            <label htmlFor="buy-cycle"><FormattedMessage id="marketplace.buy.cycle" /></label>
            <select id="buy-cycle" {...register('billingCycle', { required })}>
              {(plan?.billingCycles ?? []).map((c) => <option key={c} value={c}>{words.cycle(c)}</option>)}
            </select>
            {fields.billingCycle && <p className="field-error">{fields.billingCycle}</p>}
          </div>
          <div className="field">
            <label htmlFor="buy-term"><FormattedMessage id="marketplace.buy.term" /></label>
            <select id="buy-term" {...register('term', { required })}>
              {(plan?.terms ?? []).map((t) => <option key={t} value={t}>{words.term(t)}</option>)}
            </select>
            {fields.term && <p className="field-error">{fields.term}</p>}
          </div>
          <div className="field">
            <label htmlFor="buy-quantity"><FormattedMessage id="marketplace.buy.quantity" /></label>
            <input id="buy-quantity" type="number" inputMode="numeric" min={plan?.minQuantity} max={plan?.maxQuantity}
              aria-invalid={Boolean(errors.quantity || fields.quantity)} aria-describedby="buy-quantity-hint"
              {...register('quantity', {
                valueAsNumber: true,
                required,
                validate: (v) => (plan && Number.isInteger(v) && v >= plan.minQuantity && v <= plan.maxQuantity)
                  || intl.formatMessage({ id: 'marketplace.buy.quantityRange' }, { min: plan?.minQuantity ?? 1, max: plan?.maxQuantity ?? 1 }),
              })} />
            <p id="buy-quantity-hint" className={errors.quantity || fields.quantity ? 'field-error' : 'field-hint'}>
              {errors.quantity?.message ?? fields.quantity ?? intl.formatMessage({ id: 'marketplace.buy.quantityRange' }, { min: plan?.minQuantity ?? 1, max: plan?.maxQuantity ?? 1 })}
            </p>
          </div>
        </div>

        <div aria-live="polite">
          {customerId && purchasability.isPending && <Loading label={intl.formatMessage({ id: 'marketplace.buy.checking' })} />}
          <ErrorNotice error={purchasability.error} onRetry={() => void purchasability.refetch()} />
          {planVerdict?.purchasable && <p className="notice notice-success" role="status"><FormattedMessage id="marketplace.buy.purchasable" /></p>}
        </div>
        {reasons.length > 0 && (
          <div className="notice notice-warning" role="alert">
            <p><strong><FormattedMessage id="marketplace.buy.notPurchasable" /></strong></p>
            <ul aria-label={intl.formatMessage({ id: 'marketplace.buy.reasons' })}>
              {reasons.map((r) => <li key={r.code}>{r.message[locale] || r.message.en}</li>)}
            </ul>
          </div>
        )}

        {offer.agreement ? (
          <fieldset className="marketplace-agreement">
            <legend><FormattedMessage id="marketplace.buy.agreement" values={{ title: offer.agreement.title, version: offer.agreement.version }} /></legend>
            <div className="marketplace-agreement-body" tabIndex={0} role="region" aria-label={intl.formatMessage({ id: 'marketplace.buy.agreementText' }, { title: offer.agreement.title })}>
              {offer.agreement.body.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>)}
            </div>
            <div className="field field-check">
              <input id="buy-accept" type="checkbox" aria-invalid={Boolean(errors.accept)} aria-describedby={errors.accept ? 'buy-accept-error' : undefined}
                {...register('accept', { validate: (v) => v || intl.formatMessage({ id: 'marketplace.buy.acceptRequired' }) })} />
              <label htmlFor="buy-accept"><FormattedMessage id="marketplace.buy.accept" values={{ version: offer.agreement.version }} /></label>
            </div>
            {errors.accept && <p id="buy-accept-error" className="field-error">{errors.accept.message}</p>}
          </fieldset>
        ) : (
          <p className="notice notice-warning" role="alert"><FormattedMessage id="marketplace.buy.noAgreement" /></p>
        )}

        <ErrorNotice error={purchase.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={purchase.isPending || blocked || !offer.agreement}>
            <FormattedMessage id={purchase.isPending ? 'marketplace.buy.buying' : 'marketplace.buy.submit'} />
          </button>
        </div>
        {purchase.isPending && <p role="status" className="visually-hidden"><FormattedMessage id="marketplace.buy.buying" /></p>}
      </form>
    </section>
  );
}
