/**
 * A subscription (`/subscriptions/:subscriptionId`): status, plan, quantity, activation, support
 * contact and the open incidents of its offer; for its partners of record with
 * subscriptions.manage: change the quantity, suspend, reactivate, cancel (each confirmed; cancelling
 * is final) and choose the support contact of an indirect subscription. The API decides; its
 * refusals are shown in the viewer's language.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../api/client.ts';
import type { Customer, Subscription } from '../../api/types.ts';
import { fieldErrors } from '../../app/errors.ts';
import { useCan, useViewer } from '../../app/session.tsx';
import { SubscriptionBadge, useLabel } from '../../components/labels.tsx';
import { ConfirmDialog, DateTime, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { regionName } from './CustomersPage.tsx';
import { CUSTOMERS_KEY, planOf, SUBSCRIPTIONS_KEY, useCustomer, useOffer, useSubscription, type OfferView } from './data.ts';
import { Activation, OpenIncidents, SupportContact } from './parts.tsx';
import { SubscriptionIncidents } from '../incidents/SubscriptionIncidents.tsx';

type Transition = 'suspend' | 'reactivate' | 'cancel';

export default function SubscriptionPage() {
  const intl = useIntl();
  const { subscriptionId } = useParams();
  const sub = useSubscription(subscriptionId);
  const canReadCustomers = useCan('customers.read');
  const customer = useCustomer(canReadCustomers ? sub.data?.customerId : undefined);
  const offer = useOffer(sub.data?.offerId);
  const viewer = useViewer();

  if (sub.isPending) return <Loading />;
  if (sub.isError) {
    const title = intl.formatMessage({ id: 'customers.subscription.unavailable' });
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorNotice error={sub.error} onRetry={() => void sub.refetch()} />
        <p><Link to="/customers"><FormattedMessage id="customers.backToList" /></Link></p>
      </>
    );
  }
  const s = sub.data;
  const offerName = offer.data?.name ?? s.offerId;
  const title = intl.formatMessage({ id: 'customers.subscription.title' }, { offer: offerName, customer: customer.data?.name ?? (s.customerId === viewer.organization.id ? viewer.organization.name : s.customerId) });
  return (
    <>
      {customer.data && (
        <p className="customers-breadcrumb">
          <Link to={`/customers/${encodeURIComponent(s.customerId)}`}>
            <FormattedMessage id="customers.subscription.backToCustomer" values={{ customer: customer.data.name }} />
          </Link>
        </p>
      )}
      <PageTitle title={title}>{title}</PageTitle>
      <div className="grid-2">
        <div>
          <Facts subscription={s} offer={offer.data} customer={customer.data} />
          <section className="card" aria-labelledby="subscription-incidents">
            <h2 id="subscription-incidents"><FormattedMessage id="customers.incidents.title" /></h2>
            {s.status === 'active'
              ? <OpenIncidents incidents={s.openIncidents} />
              : <p><FormattedMessage id="customers.incidents.onlyActive" /></p>}
          </section>
          <SubscriptionIncidents offerId={s.offerId} offerName={offer.data?.name} />
        </div>
        <Actions subscription={s} offer={offer.data} />
      </div>
    </>
  );
}

function Facts({ subscription: s, offer, customer }: { subscription: Subscription; offer: OfferView | undefined; customer: Customer | undefined }) {
  const intl = useIntl();
  const plan = planOf(offer, s.planId);
  return (
    <section className="card" aria-labelledby="subscription-facts">
      <h2 id="subscription-facts"><FormattedMessage id="customers.subscription.details" /></h2>
      <dl className="facts">
        <dt><FormattedMessage id="customers.col.status" /></dt>
        <dd><span role="status" aria-live="polite"><SubscriptionBadge status={s.status} /></span></dd>
        <dt><FormattedMessage id="customers.col.offer" /></dt>
        <dd>{offer ? <Link to={`/marketplace/${encodeURIComponent(s.offerId)}`}>{offer.name}</Link> : s.offerId}</dd>
        <dt><FormattedMessage id="customers.col.plan" /></dt>
        <dd>{plan?.name ?? s.planId}</dd>
        <dt><FormattedMessage id="customers.col.quantity" /></dt>
        <dd>{intl.formatNumber(s.quantity)}</dd>
        <dt><FormattedMessage id="customers.subscription.billing" /></dt>
        <dd><FormattedMessage id="customers.subscription.billingValue" values={{ cycle: cycleName(intl, s.billingCycle), term: termName(intl, s.term), market: regionName(intl.locale, s.market) }} /></dd>
        <dt><FormattedMessage id="customers.col.activation" /></dt>
        <dd><Activation subscription={s} /></dd>
        {s.cancelledAt && <><dt><FormattedMessage id="customers.subscription.cancelledAt" /></dt><dd><DateTime value={s.cancelledAt} /></dd></>}
        <dt><FormattedMessage id="customers.col.supportContact" /></dt>
        <dd><SupportContact subscription={s} customer={customer} /></dd>
        <dt><FormattedMessage id="customers.subscription.bought" /></dt>
        <dd><FormattedMessage id="customers.subscription.boughtValue" values={{ when: <DateTime value={s.acceptedAt} />, version: s.agreementVersion }} /></dd>
      </dl>
    </section>
  );
}

/** The refusal of a change: a state conflict names the current status in the viewer's words; the rest as ErrorNotice says. */
function SubscriptionError({ error }: { error: unknown }) {
  const intl = useIntl();
  const label = useLabel();
  if (!error) return null;
  // The refusal names the subscription's status beside the problem's own members.
  const subscriptionStatus = isApiError(error) ? (error.problem as { subscriptionStatus?: unknown } | null)?.subscriptionStatus : undefined;
  if (isApiError(error) && error.code === 'SUBSCRIPTION_STATE_CONFLICT' && typeof subscriptionStatus === 'string') {
    return (
      <div className="notice notice-error" role="alert">
        <p>{intl.formatMessage({ id: 'customers.error.stateConflict' }, { status: label('subscription', subscriptionStatus) })}</p>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

function useSubscriptionChange<T>(s: Subscription, run: (input: T) => Promise<Subscription>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (updated) => {
      client.setQueryData([...SUBSCRIPTIONS_KEY, 'one', s.id], updated);
      void client.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
      void client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
    },
    onError: (e) => {
      // The status changed under us: show the subscription as it is now.
      if (isApiError(e) && e.code === 'SUBSCRIPTION_STATE_CONFLICT') void client.invalidateQueries({ queryKey: [...SUBSCRIPTIONS_KEY, 'one', s.id] });
    },
  });
}

function Actions({ subscription: s, offer }: { subscription: Subscription; offer: OfferView | undefined }) {
  const intl = useIntl();
  const canManage = useCan('subscriptions.manage');
  const [confirming, setConfirming] = useState<Transition | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const transition = useSubscriptionChange(s, (action: Transition) => api<Subscription>('POST', `/subscriptions/${encodeURIComponent(s.id)}/${action}`));

  if (!canManage) return null;
  if (s.status === 'cancelled') {
    return (
      <section className="card" aria-labelledby="subscription-actions">
        <h2 id="subscription-actions"><FormattedMessage id="customers.actions.title" /></h2>
        <p><FormattedMessage id="customers.actions.cancelledFinal" /></p>
        {done && <p className="notice notice-success" role="status">{done}</p>}
      </section>
    );
  }
  const run = (action: Transition) => {
    setDone(null);
    transition.mutate(action, { onSuccess: () => setDone(intl.formatMessage({ id: `customers.actions.${action}.done` })) });
  };
  const confirm = confirming ? {
    title: intl.formatMessage({ id: `customers.actions.${confirming}.confirmTitle` }),
    body: intl.formatMessage({ id: `customers.actions.${confirming}.confirmBody` }),
    label: intl.formatMessage({ id: `customers.actions.${confirming}.confirm` }),
  } : null;
  return (
    <section className="card" aria-labelledby="subscription-actions">
      <h2 id="subscription-actions"><FormattedMessage id="customers.actions.title" /></h2>
      <QuantityForm subscription={s} offer={offer} />
      {s.providerId && s.resellerId && <SupportContactForm subscription={s} />}
      <h3><FormattedMessage id="customers.actions.statusTitle" /></h3>
      <div className="button-row">
        {s.status === 'suspended'
          ? <button type="button" className="button button-secondary" disabled={transition.isPending} onClick={() => setConfirming('reactivate')}><FormattedMessage id="customers.actions.reactivate" /></button>
          : <button type="button" className="button button-secondary" disabled={transition.isPending} onClick={() => setConfirming('suspend')}><FormattedMessage id="customers.actions.suspend" /></button>}
        <button type="button" className="button button-danger" disabled={transition.isPending} onClick={() => setConfirming('cancel')}><FormattedMessage id="customers.actions.cancel" /></button>
      </div>
      {transition.isPending && <p role="status"><FormattedMessage id="customers.actions.working" /></p>}
      {done && !transition.isPending && <p className="notice notice-success" role="status">{done}</p>}
      <SubscriptionError error={transition.error} />
      {confirm && (
        <ConfirmDialog
          isOpen
          onOpenChange={(open) => { if (!open) setConfirming(null); }}
          title={confirm.title}
          confirmLabel={confirm.label}
          tone={confirming === 'cancel' ? 'warning' : 'default'}
          onConfirm={() => { if (confirming) run(confirming); }}
        >
          <p>{confirm.body}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function QuantityForm({ subscription: s, offer }: { subscription: Subscription; offer: OfferView | undefined }) {
  const intl = useIntl();
  const plan = planOf(offer, s.planId);
  const min = plan?.minQuantity ?? 1;
  const max = plan?.maxQuantity ?? 1_000_000;
  const [saved, setSaved] = useState<number | null>(null);
  const { register, handleSubmit, formState: { errors }, reset } = useForm<{ quantity: string }>({ defaultValues: { quantity: String(s.quantity) } });
  const change = useSubscriptionChange(s, (quantity: number) => api<Subscription>('PATCH', `/subscriptions/${encodeURIComponent(s.id)}`, { body: { quantity } }));
  const serverField = fieldErrors(change.error).quantity;
  const message = errors.quantity?.message ?? serverField;

  const onSubmit = handleSubmit(({ quantity }) => {
    setSaved(null);
    const n = Number(quantity);
    change.mutate(n, { onSuccess: (updated) => { setSaved(updated.quantity); reset({ quantity: String(updated.quantity) }); } });
  });
  return (
    <form className="form customers-quantity" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="subscription-quantity"><FormattedMessage id="customers.quantity.label" /></label>
        <p className="field-hint" id="subscription-quantity-hint">
          {plan ? <FormattedMessage id="customers.quantity.hint" values={{ min, max }} /> : <FormattedMessage id="customers.quantity.hintUnknown" />}
        </p>
        <input
          id="subscription-quantity" type="number" inputMode="numeric" min={min} max={max} step={1}
          aria-describedby={`subscription-quantity-hint${message ? ' subscription-quantity-error' : ''}`}
          aria-invalid={message ? true : undefined}
          {...register('quantity', {
            required: intl.formatMessage({ id: 'customers.quantity.required' }),
            validate: (v) => {
              const n = Number(v);
              if (!Number.isInteger(n)) return intl.formatMessage({ id: 'customers.quantity.whole' });
              if (n < min || n > max) return intl.formatMessage({ id: 'customers.quantity.range' }, { min, max });
              if (n === s.quantity) return intl.formatMessage({ id: 'customers.quantity.same' });
              return true;
            },
          })}
        />
        {message && <p className="field-error" id="subscription-quantity-error">{message}</p>}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          <FormattedMessage id={change.isPending ? 'customers.quantity.saving' : 'customers.quantity.save'} />
        </button>
      </div>
      {saved !== null && !change.isPending && <p className="notice notice-success" role="status"><FormattedMessage id="customers.quantity.saved" values={{ quantity: saved }} /></p>}
      {change.error && !serverField ? <SubscriptionError error={change.error} /> : null}
    </form>
  );
}

function SupportContactForm({ subscription: s }: { subscription: Subscription }) {
  const intl = useIntl();
  const label = useLabel();
  const current = s.supportContact === 'reseller' ? 'reseller' : 'provider';
  const [choice, setChoice] = useState<'provider' | 'reseller'>(current);
  const [saved, setSaved] = useState(false);
  const change = useSubscriptionChange(s, (designated: 'provider' | 'reseller') =>
    api<Subscription>('PUT', `/subscriptions/${encodeURIComponent(s.id)}/support-contact`, { body: { designated } }));
  return (
    <form className="form customers-support" onSubmit={(e) => {
      e.preventDefault();
      setSaved(false);
      change.mutate(choice, { onSuccess: () => setSaved(true) });
    }}>
      <div className="field">
        <label htmlFor="subscription-support"><FormattedMessage id="customers.support.label" /></label>
        <p className="field-hint" id="subscription-support-hint"><FormattedMessage id="customers.support.hint" /></p>
        <select id="subscription-support" aria-describedby="subscription-support-hint" value={choice} onChange={(e) => setChoice(e.target.value as 'provider' | 'reseller')}>
          <option value="provider">{label('party', 'provider')}</option>
          <option value="reseller">{label('party', 'reseller')}</option>
        </select>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-secondary" disabled={change.isPending || choice === current}>
          {intl.formatMessage({ id: change.isPending ? 'customers.support.saving' : 'customers.support.save' })}
        </button>
      </div>
      {saved && !change.isPending && <p className="notice notice-success" role="status"><FormattedMessage id="customers.support.saved" /></p>}
      <SubscriptionError error={change.error} />
    </form>
  );
}

/** A billing cycle in the viewer's words ("monthly" → "Monthly" / "월별"); another shows as it is. */
function cycleName(intl: IntlShape, cycle: string): string {
  const id = `customers.billingCycle.${cycle}`;
  return intl.messages[id] ? intl.formatMessage({ id }) : cycle;
}

/** A term given as an ISO 8601 duration of months or years ("P1Y" → "1 year" / "1년"); another shows as it is. */
function termName(intl: IntlShape, term: string): string {
  const m = /^P(\d+)([MY])$/.exec(term);
  if (!m) return term;
  return intl.formatMessage({ id: m[2] === 'Y' ? 'customers.term.years' : 'customers.term.months' }, { count: Number(m[1]) });
}
