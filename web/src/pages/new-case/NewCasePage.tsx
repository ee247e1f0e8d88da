/**
 * A new case (`/cases/new`): category, severity, what it is about (a subscription for customers and
 * partners; an offer for publishers, the operator and partners asking without one), title and text.
 * As the fields change the form shows who will answer and why (POST /routing/decisions, debounced),
 * in the viewer's language; it is sent with an Idempotency-Key and opens the new case.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { api, newIdempotencyKey } from '../../api/client.ts';
import type { Case, Customer, OfferSummary, OpenCaseBody, Page, RoutingDecision, RoutingDecisionBody, Subscription } from '../../api/types.ts';
import { fieldErrors } from '../../app/errors.ts';
import { useViewer } from '../../app/session.tsx';
import { useLabel } from '../../components/labels.tsx';
import { ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { useLocale } from '../../i18n/i18n.tsx';
import { CATEGORIES, SEVERITIES } from '../case/caseData.ts';

interface Values { category: string; severity: string; about: string; title: string; description: string }

/** `sub:<id>` or `offer:<id>` — what the case is about. */
function aboutOf(value: string): { subscriptionId?: string; offerId?: string } {
  if (value.startsWith('sub:')) return { subscriptionId: value.slice(4) };
  if (value.startsWith('offer:')) return { offerId: value.slice(6) };
  return {};
}

/** The value after it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export default function NewCasePage() {
  const intl = useIntl();
  const label = useLabel();
  const viewer = useViewer();
  const navigate = useNavigate();
  const kind = viewer.organization.kind;
  const usesSubscriptions = kind === 'customer' || kind === 'partner';
  const usesOffers = kind !== 'customer';
  const [key] = useState(newIdempotencyKey);

  const subscriptions = useQuery({
    queryKey: ['subscriptions', 'for-case'], enabled: usesSubscriptions, retry: false,
    queryFn: () => api<Page<Subscription>>('GET', '/subscriptions', { query: { status: 'active', limit: 100 } }),
  });
  const offers = useQuery({
    queryKey: ['offers', 'for-case', kind === 'publisher' ? viewer.organization.id : null], retry: false,
    queryFn: () => api<Page<OfferSummary>>('GET', '/offers', { query: { limit: 100, ...(kind === 'publisher' ? { publisherId: viewer.organization.id } : {}) } }),
  });
  const customers = useQuery({
    queryKey: ['customers', 'for-case'], enabled: kind === 'partner', retry: false,
    queryFn: () => api<Page<Customer>>('GET', '/customers', { query: { limit: 100 } }),
  });
  const offerName = (id: string) => offers.data?.items.find((o) => o.id === id)?.name ?? id;
  const customerName = (id: string) => (id === viewer.organization.id ? viewer.organization.name : customers.data?.items.find((c) => c.id === id)?.name ?? id);

  const { register, handleSubmit, control, formState: { errors } } = useForm<Values>({
    defaultValues: { category: '', severity: 'moderate', about: '', title: '', description: '' },
  });
  const [category, severity, about] = useWatch({ control, name: ['category', 'severity', 'about'] });
  const asked = JSON.parse(useDebounced(JSON.stringify({ category, severity, about }), 400)) as { category: string; severity: string; about: string };

  const decisionBody: RoutingDecisionBody | null = asked.category && asked.severity && (asked.about || kind === 'operator')
    ? { category: asked.category as RoutingDecisionBody['category'], severity: asked.severity as RoutingDecisionBody['severity'], ...aboutOf(asked.about) }
    : null;
  const decision = useQuery({
    queryKey: ['routing-decision', decisionBody], enabled: decisionBody !== null, retry: false,
    queryFn: ({ signal }) => api<RoutingDecision>('POST', '/routing/decisions', { body: decisionBody, signal }),
  });

  const open = useMutation({
    mutationFn: (v: Values) => api<Case>('POST', '/cases', {
      idempotencyKey: key,
      body: {
        title: v.title.trim(), description: v.description.trim(),
        category: v.category as OpenCaseBody['category'], severity: v.severity as OpenCaseBody['severity'], ...aboutOf(v.about),
      } satisfies OpenCaseBody,
    }),
    onSuccess: (c) => navigate(`/cases/${c.id}`),
  });
  const serverErrors = fieldErrors(open.error);
  const title = intl.formatMessage({ id: 'newCase.title' });

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <div className="grid-2">
        <form className="form card" onSubmit={handleSubmit((v) => open.mutate(v))} noValidate>
          <div className="field">
            <label htmlFor="nc-category"><FormattedMessage id="newCase.category" /></label>
            <select id="nc-category" aria-invalid={Boolean(errors.category)} aria-describedby="nc-category-error"
              {...register('category', { required: intl.formatMessage({ id: 'newCase.categoryRequired' }) })}>
              <option value=""><FormattedMessage id="newCase.chooseCategory" /></option>
              {CATEGORIES.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
            </select>
            {errors.category && <p id="nc-category-error" className="field-error">{errors.category.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="nc-severity"><FormattedMessage id="newCase.severity" /></label>
            <select id="nc-severity" {...register('severity', { required: true })}>
              {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
            </select>
            <p className="field-hint"><FormattedMessage id="newCase.severityHint" /></p>
          </div>
          <div className="field">
            <label htmlFor="nc-about"><FormattedMessage id={usesSubscriptions ? 'newCase.about' : 'newCase.offer'} /></label>
            {(subscriptions.isPending && usesSubscriptions) || offers.isPending ? <Loading /> : (
              <select id="nc-about" aria-invalid={Boolean(errors.about)} aria-describedby="nc-about-hint nc-about-error"
                {...register('about', { required: kind === 'operator' ? false : intl.formatMessage({ id: usesSubscriptions ? 'newCase.aboutRequired' : 'newCase.offerRequired' }) })}>
                <option value="">{intl.formatMessage({ id: kind === 'operator' ? 'newCase.noOffer' : 'newCase.chooseAbout' })}</option>
                {usesSubscriptions && (subscriptions.data?.items.length ?? 0) > 0 && (
                  <optgroup label={intl.formatMessage({ id: 'newCase.subscriptions' })}>
                    {subscriptions.data?.items.map((s) => (
                      <option key={s.id} value={`sub:${s.id}`}>
                        {kind === 'customer'
                          ? intl.formatMessage({ id: 'newCase.subscriptionOption' }, { offer: offerName(s.offerId), plan: s.planId })
                          : intl.formatMessage({ id: 'newCase.subscriptionOptionFor' }, { offer: offerName(s.offerId), plan: s.planId, customer: customerName(s.customerId) })}
                      </option>
                    ))}
                  </optgroup>
                )}
                {usesOffers && (offers.data?.items.length ?? 0) > 0 && (
                  <optgroup label={intl.formatMessage({ id: 'newCase.offersWithout' })}>
                    {offers.data?.items.map((o) => <option key={o.id} value={`offer:${o.id}`}>{o.name}</option>)}
                  </optgroup>
                )}
              </select>
            )}
            <p id="nc-about-hint" className="field-hint"><FormattedMessage id={usesSubscriptions ? 'newCase.aboutHint' : 'newCase.offerHint'} /></p>
            {errors.about && <p id="nc-about-error" className="field-error">{errors.about.message}</p>}
            <ErrorNotice error={subscriptions.error ?? (usesOffers ? offers.error : null)} />
          </div>
          <div className="field">
            <label htmlFor="nc-title"><FormattedMessage id="newCase.caseTitle" /></label>
            <input id="nc-title" maxLength={200} aria-invalid={Boolean(errors.title || serverErrors.title)} aria-describedby="nc-title-error"
              {...register('title', { validate: (v) => v.trim().length > 0 || intl.formatMessage({ id: 'newCase.titleRequired' }) })} />
            {(errors.title || serverErrors.title) && <p id="nc-title-error" className="field-error">{errors.title?.message ?? serverErrors.title}</p>}
          </div>
          <div className="field">
            <label htmlFor="nc-description"><FormattedMessage id="newCase.description" /></label>
            <textarea id="nc-description" maxLength={20000} aria-invalid={Boolean(errors.description || serverErrors.description)} aria-describedby="nc-description-hint nc-description-error"
              {...register('description', { validate: (v) => v.trim().length > 0 || intl.formatMessage({ id: 'newCase.descriptionRequired' }) })} />
            <p id="nc-description-hint" className="field-hint"><FormattedMessage id="newCase.descriptionHint" /></p>
            {(errors.description || serverErrors.description) && <p id="nc-description-error" className="field-error">{errors.description?.message ?? serverErrors.description}</p>}
          </div>
          <ErrorNotice error={open.error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={open.isPending || decision.data?.routable === false}>
              {open.isPending ? <FormattedMessage id="newCase.sending" /> : <FormattedMessage id="newCase.submit" />}
            </button>
          </div>
        </form>
        <DecisionPanel pending={decisionBody !== null && decision.isFetching} decision={decisionBody ? decision.data : undefined} error={decisionBody ? decision.error : null} />
      </div>
    </>
  );
}

function DecisionPanel({ decision, pending, error }: { decision: RoutingDecision | undefined; pending: boolean; error: unknown }) {
  const { locale } = useLocale();
  const label = useLabel();
  const party = (p: { name: string | null; role: string }) => `${p.name ?? '—'} (${label('party', p.role)})`;
  return (
    <section className="card" aria-labelledby="nc-decision" aria-live="polite" aria-busy={pending}>
      <h2 id="nc-decision"><FormattedMessage id="newCase.decision.title" /></h2>
      {error ? <ErrorNotice error={error} />
        : !decision ? <p className="muted"><FormattedMessage id={pending ? 'newCase.decision.working' : 'newCase.decision.fill'} /></p>
          : (
            <>
              {decision.routable && decision.firstHolder ? (
                <dl className="facts">
                  <dt><FormattedMessage id="newCase.decision.firstHolder" /></dt><dd>{party(decision.firstHolder)}</dd>
                  {decision.responsible && (<><dt><FormattedMessage id="newCase.decision.responsible" /></dt><dd>{party(decision.responsible)}</dd></>)}
                  {decision.escalationPath.length > 0 && (<><dt><FormattedMessage id="newCase.decision.then" /></dt><dd>{decision.escalationPath.map(party).join(' → ')}</dd></>)}
                </dl>
              ) : (
                <p className="notice notice-warning" role="alert"><FormattedMessage id="newCase.decision.refused" /></p>
              )}
              <h3><FormattedMessage id="newCase.decision.why" /></h3>
              <ol className="routing-rules">{decision.rules.map((r) => <li key={r.code}>{locale === 'ko' ? r.ko : r.en}</li>)}</ol>
              {decision.incidentId && <p className="notice notice-info"><FormattedMessage id="newCase.decision.incident" /></p>}
              {pending && <p className="muted"><FormattedMessage id="newCase.decision.working" /></p>}
            </>
          )}
    </section>
  );
}
