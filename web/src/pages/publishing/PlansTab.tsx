/**
 * The plans of an offer: each with its billing, cycles, terms, quantity bounds, trial and price
 * per market; add a plan (idempotent) or change one (existing subscriptions keep what they bought).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, isApiError, newIdempotencyKey } from '../../api/client.ts';
import type { CreatePlanBody, OfferDetails, Plan } from '../../api/types.ts';
import { EmptyState } from '../../components/ui.tsx';
import { useMoney, usePlanWords, useRegionName } from '../marketplace/parts.tsx';
import { BILLING_CYCLES, BILLING_MODELS, ID_PATTERN, offerKey, TERMS } from './data.ts';
import { PublishingError } from './PublishingError.tsx';

interface PriceValue { market: string; currency: string; amount: string }
interface PlanFormValues {
  id: string; name: string; description: string; billing: 'license' | 'usage';
  billingCycles: string[]; terms: string[]; minQuantity: number; maxQuantity: number; trialDays: number; prices: PriceValue[];
}

/** The usual currency of a market, to fill in when a market is typed. */
const CURRENCY_OF: Record<string, string> = {
  US: 'USD', GB: 'GBP', DE: 'EUR', FR: 'EUR', NL: 'EUR', IE: 'EUR', ES: 'EUR', IT: 'EUR', AT: 'EUR', JP: 'JPY', KR: 'KRW', CA: 'CAD', AU: 'AUD', CH: 'CHF', IN: 'INR', SG: 'SGD',
};

const planValues = (p?: Plan): PlanFormValues => ({
  id: p?.id ?? '', name: p?.name ?? '', description: p?.description ?? '', billing: p?.billing ?? 'license',
  billingCycles: p?.billingCycles ?? ['monthly'], terms: p?.terms ?? ['P1M'], minQuantity: p?.minQuantity ?? 1, maxQuantity: p?.maxQuantity ?? 100,
  trialDays: p?.trialDays ?? 0, prices: p?.prices ?? [{ market: '', currency: '', amount: '' }],
});

export function PlansTab({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const [editing, setEditing] = useState<string | 'new' | null>(offer.plans.length === 0 ? 'new' : null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div>
      <div className="publishing-head">
        <h2><FormattedMessage id="publishing.plans.title" /></h2>
        {editing !== 'new' && (
          <button type="button" className="button button-primary" onClick={() => { setDone(null); setEditing('new'); }}>
            <FormattedMessage id="publishing.plans.add" />
          </button>
        )}
      </div>
      <div aria-live="polite">{done && <p className="notice notice-success" role="status">{done}</p>}</div>
      {editing === 'new' && (
        <PlanForm offer={offer} onDone={(p) => { setEditing(null); setDone(intl.formatMessage({ id: 'publishing.plans.added' }, { name: p.name })); }}
          onCancel={offer.plans.length > 0 ? () => setEditing(null) : undefined} />
      )}
      {offer.plans.length === 0 && editing !== 'new' && (
        <EmptyState title={intl.formatMessage({ id: 'publishing.plans.empty' })}><p><FormattedMessage id="publishing.plans.emptyHint" /></p></EmptyState>
      )}
      {offer.plans.map((p) => editing === p.id ? (
        <PlanForm key={p.id} offer={offer} plan={p} onDone={(np) => { setEditing(null); setDone(intl.formatMessage({ id: 'publishing.plans.changed' }, { name: np.name })); }}
          onCancel={() => setEditing(null)} />
      ) : (
        <PlanCard key={p.id} plan={p} onEdit={() => { setDone(null); setEditing(p.id); }} />
      ))}
    </div>
  );
}

function PlanCard({ plan, onEdit }: { plan: Plan; onEdit: () => void }) {
  const intl = useIntl();
  const money = useMoney();
  const region = useRegionName();
  const words = usePlanWords();
  return (
    <section className="card" aria-labelledby={`plan-${plan.id}`}>
      <div className="publishing-head">
        <h3 id={`plan-${plan.id}`}>{plan.name} <code className="publishing-muted">{plan.id}</code></h3>
        <button type="button" className="button button-secondary" onClick={onEdit} aria-label={intl.formatMessage({ id: 'publishing.plans.editPlan' }, { name: plan.name })}>
          <FormattedMessage id="publishing.plans.edit" />
        </button>
      </div>
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
      <div className="table-wrap publishing-prices">
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
                <td data-label={intl.formatMessage({ id: 'marketplace.plans.market' })}>{region(p.market)} ({p.market})</td>
                <td data-label={intl.formatMessage({ id: 'marketplace.plans.price' })}>{money(p.amount, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function PlanForm({ offer, plan, onDone, onCancel }: { offer: OfferDetails; plan?: Plan; onDone: (p: Plan) => void; onCancel?: () => void }) {
  const intl = useIntl();
  const client = useQueryClient();
  const region = useRegionName();
  const words = usePlanWords();
  const idempotency = useRef<{ key: string; input: string } | null>(null);
  const { register, handleSubmit, control, setError, getValues, setValue, formState: { errors } } = useForm<PlanFormValues>({ defaultValues: planValues(plan), mode: 'onTouched' });
  const prices = useFieldArray({ control, name: 'prices' });
  const watchedPrices = useWatch({ control, name: 'prices' });
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `publishing.plans.${id}` }, values);
  const required = intl.formatMessage({ id: 'publishing.form.required' });
  const prefix = plan ? `plan-${plan.id}` : 'plan-new';

  const save = useMutation({
    mutationFn: async ({ body, key }: { body: CreatePlanBody; key: string }) => {
      if (plan) {
        const { id: _id, ...patch } = body;
        return api<Plan>('PATCH', `/offers/${encodeURIComponent(offer.id)}/plans/${encodeURIComponent(plan.id)}`, { body: patch });
      }
      return api<Plan>('POST', `/offers/${encodeURIComponent(offer.id)}/plans`, { body, idempotencyKey: key });
    },
    onSuccess: (p) => {
      idempotency.current = null;
      void client.invalidateQueries({ queryKey: offerKey(offer.id) });
      onDone(p);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'PLAN_ID_TAKEN') setError('id', { message: t('idTaken') }, { shouldFocus: true });
    },
  });

  function onSubmit(v: PlanFormValues) {
    const body: CreatePlanBody = {
      id: v.id.trim(), name: v.name.trim(), description: v.description.trim(), billing: v.billing,
      billingCycles: BILLING_CYCLES.filter((c) => v.billingCycles.includes(c)), terms: TERMS.filter((c) => v.terms.includes(c)),
      minQuantity: Number(v.minQuantity), maxQuantity: Number(v.maxQuantity), trialDays: Number(v.trialDays),
      prices: v.prices.map((p) => ({ market: p.market.trim().toUpperCase(), currency: p.currency.trim().toUpperCase(), amount: p.amount.trim() })),
    };
    const input = JSON.stringify(body);
    if (!idempotency.current || idempotency.current.input !== input) idempotency.current = { key: newIdempotencyKey(), input };
    save.mutate({ body, key: idempotency.current.key });
  }

  const int = (min: number, max: number) => ({
    valueAsNumber: true as const,
    validate: (n: number) => (Number.isInteger(n) && n >= min && n <= max) || t('between', { min, max }),
  });
  const err = (id: string, message?: string) => message ? <p id={`${id}-error`} className="field-error">{message}</p> : null;
  const title = plan ? t('editTitle', { name: plan.name }) : t('newTitle');

  return (
    <section className="card publishing-plan-form" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{title}</h3>
      <form className="form" noValidate onSubmit={(e) => void handleSubmit(onSubmit)(e)}>
        <div className="publishing-grid">
          {!plan && (
            <div className="field">
              <label htmlFor={`${prefix}-id`}><FormattedMessage id="publishing.plans.id" /></label>
              <input id={`${prefix}-id`} aria-invalid={Boolean(errors.id)} aria-describedby={errors.id ? `${prefix}-id-error` : `${prefix}-id-hint`}
                {...register('id', { required, validate: (v) => ID_PATTERN.test(v.trim()) || t('idInvalid') })} />
              {errors.id ? err(`${prefix}-id`, errors.id.message) : <p id={`${prefix}-id-hint`} className="field-hint">{t('idHint')}</p>}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${prefix}-name`}><FormattedMessage id="publishing.plans.name" /></label>
            <input id={`${prefix}-name`} aria-invalid={Boolean(errors.name)} aria-describedby={errors.name ? `${prefix}-name-error` : undefined}
              {...register('name', { validate: (v) => (v.trim().length > 0 && v.length <= 200) || required })} />
            {err(`${prefix}-name`, errors.name?.message)}
          </div>
          <div className="field">
            <label htmlFor={`${prefix}-billing`}><FormattedMessage id="publishing.plans.billing" /></label>
            <select id={`${prefix}-billing`} {...register('billing')}>
              {BILLING_MODELS.map((b) => <option key={b} value={b}>{words.billing(b)}</option>)}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-description`}><FormattedMessage id="publishing.plans.description" /> <span className="publishing-muted"><FormattedMessage id="publishing.form.optional" /></span></label>
          <textarea id={`${prefix}-description`} maxLength={5000} {...register('description')} />
        </div>
        <div className="publishing-grid">
          <fieldset className="field" aria-describedby={errors.billingCycles ? `${prefix}-cycles-error` : undefined}>
            <legend><FormattedMessage id="publishing.plans.cycles" /></legend>
            {BILLING_CYCLES.map((c) => (
              <label key={c} className="checkbox">
                <input type="checkbox" value={c} {...register('billingCycles', { validate: (v) => v.length > 0 || t('chooseOne') })} /> {words.cycle(c)}
              </label>
            ))}
            {err(`${prefix}-cycles`, errors.billingCycles?.message)}
          </fieldset>
          <fieldset className="field" aria-describedby={errors.terms ? `${prefix}-terms-error` : undefined}>
            <legend><FormattedMessage id="publishing.plans.terms" /></legend>
            {TERMS.map((c) => (
              <label key={c} className="checkbox">
                <input type="checkbox" value={c} {...register('terms', { validate: (v) => v.length > 0 || t('chooseOne') })} /> {words.term(c)}
              </label>
            ))}
            {err(`${prefix}-terms`, errors.terms?.message)}
          </fieldset>
        </div>
        <div className="publishing-grid">
          <div className="field">
            <label htmlFor={`${prefix}-min`}><FormattedMessage id="publishing.plans.min" /></label>
            <input id={`${prefix}-min`} type="number" inputMode="numeric" min={1} max={1_000_000} aria-invalid={Boolean(errors.minQuantity)}
              aria-describedby={errors.minQuantity ? `${prefix}-min-error` : undefined} {...register('minQuantity', int(1, 1_000_000))} />
            {err(`${prefix}-min`, errors.minQuantity?.message)}
          </div>
          <div className="field">
            <label htmlFor={`${prefix}-max`}><FormattedMessage id="publishing.plans.max" /></label>
            <input id={`${prefix}-max`} type="number" inputMode="numeric" min={1} max={1_000_000} aria-invalid={Boolean(errors.maxQuantity)}
              aria-describedby={errors.maxQuantity ? `${prefix}-max-error` : undefined}
              {...register('maxQuantity', {
                valueAsNumber: true,
                validate: (n) => {
                  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) return t('between', { min: 1, max: 1_000_000 });
                  return n >= Number(getValues('minQuantity')) || t('maxBelowMin');
                },
              })} />
            {err(`${prefix}-max`, errors.maxQuantity?.message)}
          </div>
          <div className="field">
            <label htmlFor={`${prefix}-trial`}><FormattedMessage id="publishing.plans.trial" /></label>
            <input id={`${prefix}-trial`} type="number" inputMode="numeric" min={0} max={365} aria-invalid={Boolean(errors.trialDays)}
              aria-describedby={errors.trialDays ? `${prefix}-trial-error` : `${prefix}-trial-hint`} {...register('trialDays', int(0, 365))} />
            {errors.trialDays ? err(`${prefix}-trial`, errors.trialDays.message) : <p id={`${prefix}-trial-hint`} className="field-hint">{t('trialHint')}</p>}
          </div>
        </div>
        <fieldset className="field">
          <legend><FormattedMessage id="publishing.plans.prices" /></legend>
          <p className="field-hint"><FormattedMessage id="publishing.plans.pricesHint" /></p>
          {prices.fields.map((f, i) => {
            const e = errors.prices?.[i];
            const market = (watchedPrices[i]?.market ?? '').trim().toUpperCase();
            return (
              <div key={f.id} className="publishing-price-row">
                <div className="field">
                  <label htmlFor={`${prefix}-market-${i}`}><FormattedMessage id="publishing.plans.market" values={{ n: i + 1 }} /></label>
                  <input id={`${prefix}-market-${i}`} maxLength={2} autoCapitalize="characters" aria-invalid={Boolean(e?.market)}
                    aria-describedby={e?.market ? `${prefix}-market-${i}-error` : `${prefix}-market-${i}-hint`}
                    {...register(`prices.${i}.market`, {
                      validate: (v) => {
                        const m = v.trim().toUpperCase();
                        if (!/^[A-Z]{2}$/.test(m)) return t('marketInvalid');
                        const all = getValues('prices').map((p) => p.market.trim().toUpperCase());
                        return all.indexOf(m) === i || t('marketTwice');
                      },
                      onChange: (ev: { target: { value: string } }) => {
                        const m = ev.target.value.trim().toUpperCase();
                        if (CURRENCY_OF[m] && !getValues(`prices.${i}.currency`)) setValue(`prices.${i}.currency`, CURRENCY_OF[m]!);
                      },
                    })} />
                  {e?.market ? err(`${prefix}-market-${i}`, e.market.message)
                    : <p id={`${prefix}-market-${i}-hint`} className="field-hint">{/^[A-Z]{2}$/.test(market) ? region(market) : t('marketHint')}</p>}
                </div>
                <div className="field">
                  <label htmlFor={`${prefix}-currency-${i}`}><FormattedMessage id="publishing.plans.currency" values={{ n: i + 1 }} /></label>
                  <input id={`${prefix}-currency-${i}`} maxLength={3} autoCapitalize="characters" aria-invalid={Boolean(e?.currency)}
                    aria-describedby={e?.currency ? `${prefix}-currency-${i}-error` : undefined}
                    {...register(`prices.${i}.currency`, { validate: (v) => /^[A-Z]{3}$/.test(v.trim().toUpperCase()) || t('currencyInvalid') })} />
                  {err(`${prefix}-currency-${i}`, e?.currency?.message)}
                </div>
                <div className="field">
                  <label htmlFor={`${prefix}-amount-${i}`}><FormattedMessage id="publishing.plans.amount" values={{ n: i + 1 }} /></label>
                  <input id={`${prefix}-amount-${i}`} inputMode="decimal" aria-invalid={Boolean(e?.amount)}
                    aria-describedby={e?.amount ? `${prefix}-amount-${i}-error` : undefined}
                    {...register(`prices.${i}.amount`, { validate: (v) => /^[0-9]{1,9}(\.[0-9]{1,4})?$/.test(v.trim()) || t('amountInvalid') })} />
                  {err(`${prefix}-amount-${i}`, e?.amount?.message)}
                </div>
                <button type="button" className="button button-ghost" disabled={prices.fields.length <= 1} onClick={() => prices.remove(i)}
                  aria-label={t('removePrice', { n: i + 1 })}>
                  <FormattedMessage id="publishing.form.remove" />
                </button>
              </div>
            );
          })}
          <div>
            <button type="button" className="button button-secondary" disabled={prices.fields.length >= 250}
              onClick={() => prices.append({ market: '', currency: '', amount: '' })}>
              <FormattedMessage id="publishing.plans.addPrice" />
            </button>
          </div>
        </fieldset>
        <PublishingError error={save.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? <FormattedMessage id="publishing.form.saving" /> : <FormattedMessage id={plan ? 'publishing.plans.save' : 'publishing.plans.create'} />}
          </button>
          {onCancel && <button type="button" className="button button-ghost" onClick={onCancel}><FormattedMessage id="common.cancel" /></button>}
        </div>
        {save.isPending && <p role="status" className="visually-hidden"><FormattedMessage id="publishing.form.saving" /></p>}
      </form>
    </section>
  );
}
