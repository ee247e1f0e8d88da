/**
 * Routing preferences (`/admin/routing`): the partner's default for technical cases and one per
 * offer (GET/PUT/DELETE /routing/preferences…), and a preview of their effect: who would answer a
 * technical case of a subscription would go when its customer asks, with the rules in the viewer's
 * language (POST /routing/decisions with askedBy: customer).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../../api/client.ts';
import type { Customer, OfferSummary, Page, RoutingDecision, RoutingDecisionBody, RoutingPreferences, Subscription } from '../../../api/types.ts';
import { useCan } from '../../../app/session.tsx';
import { useLabel } from '../../../components/labels.tsx';
import { ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../../components/ui.tsx';
import { useLocale } from '../../../i18n/i18n.tsx';

const PREFERENCES_KEY = ['routing-preferences'] as const;
const PREFERENCES = ['forward', 'tier1', 'direct'] as const;
type Preference = (typeof PREFERENCES)[number];
const TECHNICAL = ['technical_howto', 'technical_breakfix', 'service_outage'] as const;
const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;

export default function RoutingPage() {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'channel.routing.title' });
  const prefs = useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: ({ signal }) => api<RoutingPreferences>('GET', '/routing/preferences', { signal }),
    retry: false,
  });
  const offers = useQuery({
    queryKey: ['offers', 'for-routing'],
    queryFn: ({ signal }) => api<Page<OfferSummary>>('GET', '/offers', { query: { limit: 100 }, signal }),
    staleTime: 5 * 60_000,
  });
  const offerName = (id: string) => offers.data?.items.find((o) => o.id === id)?.name ?? id;

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="channel.routing.intro" /></p>
      <ul className="channel-explain">
        {PREFERENCES.map((p) => (
          <li key={p}><strong><FormattedMessage id={`channel.preference.${p}`} /></strong>: <FormattedMessage id={`channel.preference.${p}.hint`} /></li>
        ))}
      </ul>
      {prefs.isPending && <Loading />}
      <ErrorNotice error={prefs.error} onRetry={() => void prefs.refetch()} />
      {prefs.data && (
        <>
          <DefaultSection prefs={prefs.data} />
          <OffersSection prefs={prefs.data} offers={offers.data?.items ?? []} offerName={offerName} />
        </>
      )}
      <PreviewSection offerName={offerName} />
    </>
  );
}

function PreferenceSelect({ id, value, onChange, disabled, describedBy }: { id: string; value: string; onChange: (v: Preference) => void; disabled?: boolean; describedBy?: string }) {
  const intl = useIntl();
  return (
    <select id={id} value={value} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as Preference)}>
      {PREFERENCES.map((p) => <option key={p} value={p}>{intl.formatMessage({ id: `channel.preference.${p}` })}</option>)}
    </select>
  );
}

function DefaultSection({ prefs }: { prefs: RoutingPreferences }) {
  const intl = useIntl();
  const client = useQueryClient();
  const canManage = useCan('routing.manage');
  const [value, setValue] = useState<Preference>(prefs.default?.preference ?? prefs.effectiveDefault);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (preference: Preference) => api<RoutingPreferences>('PUT', '/routing/preferences/default', { body: { preference } }),
    onSuccess: (data) => { client.setQueryData(PREFERENCES_KEY, data); void client.invalidateQueries({ queryKey: ['routing-preview'] }); setSaved(true); },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(value);
  }
  return (
    <section className="card" aria-labelledby="routing-default">
      <h2 id="routing-default"><FormattedMessage id="channel.routing.default.title" /></h2>
      <p>
        {prefs.default
          ? <FormattedMessage id="channel.routing.default.current" values={{ preference: intl.formatMessage({ id: `channel.preference.${prefs.default.preference}` }), at: <DateTime value={prefs.default.updatedAt} /> }} />
          : <FormattedMessage id="channel.routing.default.none" values={{ preference: intl.formatMessage({ id: `channel.preference.${prefs.effectiveDefault}` }) }} />}
      </p>
      {canManage && (
        <form className="channel-inline-form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="routing-default-value"><FormattedMessage id="channel.routing.default.label" /></label>
            <PreferenceSelect id="routing-default-value" value={value} onChange={(v) => { setSaved(false); setValue(v); }} disabled={save.isPending} />
          </div>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            <FormattedMessage id={save.isPending ? 'channel.saving' : 'channel.routing.default.save'} />
          </button>
        </form>
      )}
      {save.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="channel.saving" /></p>}
      {saved && !save.isPending && <p className="notice notice-success" role="status"><FormattedMessage id="channel.routing.default.saved" /></p>}
      <ErrorNotice error={save.error} />
    </section>
  );
}

function OffersSection({ prefs, offers, offerName }: { prefs: RoutingPreferences; offers: OfferSummary[]; offerName: (id: string) => string }) {
  const intl = useIntl();
  const client = useQueryClient();
  const canManage = useCan('routing.manage');
  const [offerId, setOfferId] = useState('');
  const [value, setValue] = useState<Preference>('tier1');
  const [offerError, setOfferError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const done = (data: RoutingPreferences | undefined, message: string) => {
    if (data) client.setQueryData(PREFERENCES_KEY, data);
    else void client.invalidateQueries({ queryKey: PREFERENCES_KEY });
    void client.invalidateQueries({ queryKey: ['routing-preview'] });
    setAnnounce(message);
  };
  const set = useMutation({
    mutationFn: (v: { offerId: string; preference: Preference }) => api<RoutingPreferences>('PUT', `/routing/preferences/offers/${encodeURIComponent(v.offerId)}`, { body: { preference: v.preference } }),
    onSuccess: (data, v) => { done(data, intl.formatMessage({ id: 'channel.routing.offer.saved' }, { offer: offerName(v.offerId) })); setOfferId(''); },
  });
  const clear = useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/routing/preferences/offers/${encodeURIComponent(id)}`),
    onSuccess: (_d, id) => done(undefined, intl.formatMessage({ id: 'channel.routing.offer.removed' }, { offer: offerName(id) })),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAnnounce(null);
    if (!offerId) { setOfferError(intl.formatMessage({ id: 'channel.routing.offer.required' })); return; }
    setOfferError(null);
    set.mutate({ offerId, preference: value });
  }
  const busy = set.isPending || clear.isPending;
  return (
    <section className="card" aria-labelledby="routing-offers">
      <h2 id="routing-offers"><FormattedMessage id="channel.routing.offers.title" /></h2>
      <p className="field-hint"><FormattedMessage id="channel.routing.offers.hint" values={{ preference: intl.formatMessage({ id: `channel.preference.${prefs.effectiveDefault}` }) }} /></p>
      {prefs.offers.length === 0 ? (
        <EmptyState title={intl.formatMessage({ id: 'channel.routing.offers.empty' })} />
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="channel.routing.offers.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="channel.col.offer" /></th>
                <th scope="col"><FormattedMessage id="channel.col.preference" /></th>
                <th scope="col"><FormattedMessage id="channel.col.updated" /></th>
                {canManage && <th scope="col"><FormattedMessage id="channel.col.actions" /></th>}
              </tr>
            </thead>
            <tbody>
              {prefs.offers.map((o) => (
                <tr key={o.offerId}>
                  <th scope="row">{offerName(o.offerId)}</th>
                  <td data-label={intl.formatMessage({ id: 'channel.col.preference' })}><FormattedMessage id={`channel.preference.${o.preference}`} /></td>
                  <td data-label={intl.formatMessage({ id: 'channel.col.updated' })}><DateTime value={o.updatedAt} /></td>
                  {canManage && (
                    <td data-label={intl.formatMessage({ id: 'channel.col.actions' })}>
                      <button type="button" className="button button-secondary" disabled={busy} onClick={() => setRemoving(o.offerId)}>
                        <FormattedMessage id="channel.routing.offer.remove" values={{ offer: offerName(o.offerId) }} />
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <form className="channel-inline-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="routing-offer"><FormattedMessage id="channel.routing.offer.label" /></label>
            <select id="routing-offer" value={offerId} aria-invalid={Boolean(offerError)} aria-describedby="routing-offer-error"
              onChange={(e) => { setOfferId(e.target.value); setOfferError(null); }}>
              <option value="">{intl.formatMessage({ id: 'channel.routing.offer.choose' })}</option>
              {offers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
            {offerError && <p id="routing-offer-error" className="field-error">{offerError}</p>}
          </div>
          <div className="field">
            <label htmlFor="routing-offer-value"><FormattedMessage id="channel.routing.offer.preference" /></label>
            <PreferenceSelect id="routing-offer-value" value={value} onChange={setValue} disabled={busy} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            <FormattedMessage id={set.isPending ? 'channel.saving' : 'channel.routing.offer.save'} />
          </button>
        </form>
      )}
      {busy && <p className="visually-hidden" role="status"><FormattedMessage id="channel.saving" /></p>}
      {announce && !busy && <p className="notice notice-success" role="status">{announce}</p>}
      <ErrorNotice error={set.error ?? clear.error} />
      <ConfirmDialog
        isOpen={removing !== null}
        onOpenChange={(open) => { if (!open) setRemoving(null); }}
        title={intl.formatMessage({ id: 'channel.routing.offer.confirmTitle' })}
        confirmLabel={intl.formatMessage({ id: 'channel.routing.offer.confirm' })}
        tone="warning"
        onConfirm={() => { if (removing) { setAnnounce(null); clear.mutate(removing); } }}
      >
        <p><FormattedMessage id="channel.routing.offer.confirmText" values={{ offer: removing ? offerName(removing) : '', preference: intl.formatMessage({ id: `channel.preference.${prefs.effectiveDefault}` }) }} /></p>
      </ConfirmDialog>
    </section>
  );
}

function PreviewSection({ offerName }: { offerName: (id: string) => string }) {
  const intl = useIntl();
  const label = useLabel();
  const { locale } = useLocale();
  const subscriptions = useQuery({
    queryKey: ['subscriptions', 'for-routing-preview'],
    queryFn: ({ signal }) => api<Page<Subscription>>('GET', '/subscriptions', { query: { status: 'active', limit: 100 }, signal }),
    retry: false,
  });
  const customers = useQuery({
    queryKey: ['customers', 'for-routing-preview'],
    queryFn: ({ signal }) => api<Page<Customer>>('GET', '/customers', { query: { limit: 100 }, signal }),
    retry: false,
  });
  const customerName = (id: string) => customers.data?.items.find((c) => c.id === id)?.name ?? id;
  const [subscriptionId, setSubscriptionId] = useState('');
  const [category, setCategory] = useState<(typeof TECHNICAL)[number]>('technical_howto');
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('moderate');
  // As the subscription's customer would ask: that is where the preferences apply.
  const body: RoutingDecisionBody | null = subscriptionId ? { subscriptionId, category, severity, askedBy: 'customer' } : null;
  const decision = useQuery({
    queryKey: ['routing-preview', body],
    enabled: body !== null,
    retry: false,
    queryFn: ({ signal }) => api<RoutingDecision>('POST', '/routing/decisions', { body, signal }),
  });
  const party = (p: { name: string | null; role: string }) => `${p.name ?? '—'} (${label('party', p.role)})`;
  const d = body ? decision.data : undefined;
  return (
    <section className="card" aria-labelledby="routing-preview">
      <h2 id="routing-preview"><FormattedMessage id="channel.routing.preview.title" /></h2>
      <p className="field-hint"><FormattedMessage id="channel.routing.preview.hint" /></p>
      {subscriptions.isPending && <Loading />}
      <ErrorNotice error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
      {subscriptions.data && subscriptions.data.items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'channel.routing.preview.noSubscriptions' })} />}
      {subscriptions.data && subscriptions.data.items.length > 0 && (
        <div className="filters">
          <div className="field channel-wide">
            <label htmlFor="routing-preview-subscription"><FormattedMessage id="channel.routing.preview.subscription" /></label>
            <select id="routing-preview-subscription" value={subscriptionId} onChange={(e) => setSubscriptionId(e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'channel.routing.preview.choose' })}</option>
              {subscriptions.data.items.map((s) => (
                <option key={s.id} value={s.id}>{intl.formatMessage({ id: 'channel.routing.preview.option' }, { offer: offerName(s.offerId), plan: s.planId, customer: customerName(s.customerId) })}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="routing-preview-category"><FormattedMessage id="channel.routing.preview.category" /></label>
            <select id="routing-preview-category" value={category} onChange={(e) => setCategory(e.target.value as (typeof TECHNICAL)[number])}>
              {TECHNICAL.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="routing-preview-severity"><FormattedMessage id="channel.routing.preview.severity" /></label>
            <select id="routing-preview-severity" value={severity} onChange={(e) => setSeverity(e.target.value as (typeof SEVERITIES)[number])}>
              {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
            </select>
          </div>
        </div>
      )}
      <div aria-live="polite" aria-busy={decision.isFetching}>
        {body && decision.isFetching && <p className="muted"><FormattedMessage id="channel.routing.preview.working" /></p>}
        {body && <ErrorNotice error={decision.error} onRetry={() => void decision.refetch()} />}
        {d && (
          <div className="channel-preview">
            {d.routable && d.firstHolder ? (
              <dl className="facts">
                <dt><FormattedMessage id="channel.routing.preview.firstHolder" /></dt><dd>{party(d.firstHolder)}</dd>
                {d.responsible && (<><dt><FormattedMessage id="channel.routing.preview.responsible" /></dt><dd>{party(d.responsible)}</dd></>)}
                {d.escalationPath.length > 0 && (<><dt><FormattedMessage id="channel.routing.preview.then" /></dt><dd>{d.escalationPath.map(party).join(' → ')}</dd></>)}
                {d.preference && (
                  <>
                    <dt><FormattedMessage id="channel.routing.preview.preference" /></dt>
                    <dd><FormattedMessage id={`channel.routing.preview.source.${d.preference.source}`} values={{ preference: intl.formatMessage({ id: `channel.preference.${d.preference.value}` }) }} /></dd>
                  </>
                )}
              </dl>
            ) : (
              <p className="notice notice-warning"><FormattedMessage id="channel.routing.preview.refused" /></p>
            )}
            <h3><FormattedMessage id="channel.routing.preview.why" /></h3>
            <ol className="routing-rules">{d.rules.map((r) => <li key={r.code}>{locale === 'ko' ? r.ko : r.en}</li>)}</ol>
          </div>
        )}
      </div>
    </section>
  );
}
