/**
 * Publishing (`/publishing`, `/publishing/subscriptions`, `/publishing/cases`): a publisher's own
 * offers (type, CSP audience, plans, a link to edit; "New offer"), the subscriptions of its offers
 * waiting for activation (activate, confirmed), and the cases about its offers with its external
 * reference. A sub-navigation of the sections the viewer's roles hold; the API checks each again.
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, Navigate, NavLink, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Case, InboxItem, OfferDetails, OfferSummary, Page, Subscription } from '../../api/types.ts';
import { useCan, useViewer } from '../../app/session.tsx';
import { SeverityBadge, StatusBadge, SubscriptionBadge, useLabel } from '../../components/labels.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { useRegionName } from '../marketplace/parts.tsx';
import NotFoundPage from '../NotFoundPage.tsx';
import { OFFER_TYPES, OFFERS_KEY, offerKey, organizationQuery } from './data.ts';
import { AudienceBadge } from './parts.tsx';

const SECTIONS = [
  { path: '', id: 'offers', permission: 'catalog.manage_offers' },
  { path: 'subscriptions', id: 'subscriptions', permission: 'subscriptions.activate' },
  { path: 'cases', id: 'cases', permission: 'cases.read' },
] as const;

export default function PublishingPage() {
  const intl = useIntl();
  const { section = '' } = useParams();
  const me = useViewer();
  const allowed = SECTIONS.filter((s) => me.permissions.includes(s.permission));
  const current = SECTIONS.find((s) => s.path === section);
  if (!current) return <NotFoundPage />;
  // A role that holds another section (a support engineer: the cases) goes there.
  if (!allowed.some((s) => s.path === current.path) && allowed.length > 0) {
    return <Navigate to={allowed[0]!.path ? `/publishing/${allowed[0]!.path}` : '/publishing'} replace />;
  }
  if (!allowed.some((s) => s.path === current.path)) {
    const title = intl.formatMessage({ id: 'publishing.title' });
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <EmptyState title={intl.formatMessage({ id: 'publishing.notAllowed' })}><p><FormattedMessage id="publishing.notAllowedHint" /></p></EmptyState>
      </>
    );
  }
  return (
    <div className="publishing">
      <nav className="publishing-nav" aria-label={intl.formatMessage({ id: 'publishing.navigation' })}>
        <ul>
          {allowed.map((s) => (
            <li key={s.id}><NavLink to={s.path ? `/publishing/${s.path}` : '/publishing'} end><FormattedMessage id={`publishing.section.${s.id}`} /></NavLink></li>
          ))}
        </ul>
      </nav>
      {current.id === 'offers' && <OffersSection />}
      {current.id === 'subscriptions' && <WaitingSubscriptions />}
      {current.id === 'cases' && <OfferCases />}
    </div>
  );
}

/** The publisher's own offers: discovery filtered by its organization, each with its plans count. */
function OffersSection() {
  const intl = useIntl();
  const me = useViewer();
  const list = useUrlList(['q', 'type']);
  const { q, type } = list.filters;
  const offers = useQuery({
    queryKey: [...OFFERS_KEY, 'own', me.organization.id, q, type, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<OfferSummary>>('GET', '/offers', {
      query: { publisherId: me.organization.id, q: q || undefined, type: type || undefined, cursor: list.cursor, limit: 25 }, signal,
    }),
    placeholderData: keepPreviousData,
  });
  const items = offers.data?.items ?? [];
  const details = useQueries({
    queries: items.map((o) => ({
      queryKey: offerKey(o.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api<OfferDetails>('GET', `/offers/${encodeURIComponent(o.id)}`, { signal }),
      retry: false,
    })),
  });
  const title = intl.formatMessage({ id: 'publishing.offers.title' });
  const col = (id: string) => intl.formatMessage({ id: `publishing.offers.col.${id}` });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    list.submitSearch();
  }

  return (
    <>
      <div className="publishing-head">
        <PageTitle title={title}>{title}</PageTitle>
        <Link className="button button-primary" to="/publishing/offers/new"><FormattedMessage id="publishing.offers.new" /></Link>
      </div>
      <form className="filters" role="search" onSubmit={onSearch} aria-label={intl.formatMessage({ id: 'publishing.offers.searchLabel' })}>
        <div className="field">
          <label htmlFor="publishing-q"><FormattedMessage id="publishing.offers.search" /></label>
          <input id="publishing-q" type="search" value={list.draft} maxLength={200} onChange={(e) => list.setDraft(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="publishing-type"><FormattedMessage id="publishing.offers.type" /></label>
          <select id="publishing-type" value={type} onChange={(e) => list.apply({ type: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'publishing.offers.typeAny' })}</option>
            {OFFER_TYPES.map((t) => <option key={t} value={t}>{intl.formatMessage({ id: `marketplace.type.${t}` })}</option>)}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-secondary"><FormattedMessage id="publishing.offers.searchButton" /></button>
          {list.filtered && <button type="button" className="button button-ghost" onClick={list.clear}><FormattedMessage id="publishing.offers.clear" /></button>}
        </div>
      </form>
      {offers.isPending && <Loading />}
      <ErrorNotice error={offers.error} onRetry={() => void offers.refetch()} />
      {offers.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: list.filtered ? 'publishing.offers.emptyFiltered' : 'publishing.offers.empty' })}>
          <p><FormattedMessage id={list.filtered ? 'publishing.offers.emptyFilteredHint' : 'publishing.offers.emptyHint'} /></p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="publishing.offers.caption" /></caption>
            <thead>
              <tr>
                <th scope="col">{col('name')}</th>
                <th scope="col">{col('type')}</th>
                <th scope="col">{col('audience')}</th>
                <th scope="col">{col('plans')}</th>
                <th scope="col">{col('agreement')}</th>
                <th scope="col">{col('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o, i) => {
                const d = details[i]?.data;
                return (
                  <tr key={o.id}>
                    <td data-label={col('name')}>
                      <Link to={`/publishing/offers/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                      <br /><code className="publishing-muted">{o.id}</code>
                    </td>
                    <td data-label={col('type')}>{intl.formatMessage({ id: `marketplace.type.${o.type}` })}</td>
                    <td data-label={col('audience')}><AudienceBadge audience={o.cspAudience} /></td>
                    <td data-label={col('plans')}>{d ? intl.formatNumber(d.plans.length) : '…'}</td>
                    <td data-label={col('agreement')}>
                      {d ? (d.agreement ? intl.formatMessage({ id: 'publishing.offers.agreementVersion' }, { version: d.agreement.version }) : <Badge tone="warn"><FormattedMessage id="publishing.offers.noAgreement" /></Badge>) : '…'}
                    </td>
                    <td data-label={col('actions')}>
                      <span className="publishing-links">
                        <Link to={`/publishing/offers/${encodeURIComponent(o.id)}`} aria-label={intl.formatMessage({ id: 'publishing.offers.editOffer' }, { name: o.name })}><FormattedMessage id="publishing.offers.edit" /></Link>
                        <Link to={`/marketplace/${encodeURIComponent(o.id)}`} aria-label={intl.formatMessage({ id: 'publishing.offers.viewOffer' }, { name: o.name })}><FormattedMessage id="publishing.offers.view" /></Link>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(offers.data?.nextCursor)} isFirst={list.isFirst} busy={offers.isFetching}
        onNext={() => list.next(offers.data?.nextCursor)} onFirst={list.first} />
    </>
  );
}

/** The publisher's own offers, for the filters of the other sections. */
function useOwnOfferNames() {
  const me = useViewer();
  return useQuery({
    queryKey: [...OFFERS_KEY, 'own-names', me.organization.id],
    queryFn: ({ signal }) => api<Page<OfferSummary>>('GET', '/offers', { query: { publisherId: me.organization.id, limit: 100 }, signal }),
    staleTime: 60_000,
  });
}

function OfferFilter({ value, onChange, id }: { value: string; onChange: (v: string) => void; id: string }) {
  const intl = useIntl();
  const own = useOwnOfferNames();
  return (
    <div className="field">
      <label htmlFor={id}><FormattedMessage id="publishing.filter.offer" /></label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{intl.formatMessage({ id: 'publishing.filter.offerAny' })}</option>
        {(own.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
    </div>
  );
}

/** Subscriptions of the publisher's offers that wait for activation; activating starts billing. */
function WaitingSubscriptions() {
  const intl = useIntl();
  const client = useQueryClient();
  const list = useUrlList(['offer']);
  const { offer } = list.filters;
  const subs = useQuery({
    queryKey: ['subscriptions', 'pending-activation', offer, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<Subscription>>('GET', '/subscriptions', { query: { status: 'pending_activation', offerId: offer || undefined, cursor: list.cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = subs.data?.items ?? [];
  const own = useOwnOfferNames();
  const offerName = (id: string) => own.data?.items.find((o) => o.id === id)?.name ?? id;
  const customerIds = [...new Set(items.map((s) => s.customerId))];
  const customers = useQueries({ queries: customerIds.map((id) => organizationQuery(id)) });
  const customerName = (id: string) => customers[customerIds.indexOf(id)]?.data?.name ?? id;
  const offerDetails = useQueries({
    queries: [...new Set(items.map((s) => s.offerId))].map((id) => ({
      queryKey: offerKey(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api<OfferDetails>('GET', `/offers/${encodeURIComponent(id)}`, { signal }),
      retry: false,
    })),
  });
  const planName = (s: Subscription) => offerDetails.map((q) => q.data).find((d) => d?.id === s.offerId)?.plans.find((p) => p.id === s.planId)?.name ?? s.planId;

  const region = useRegionName();
  const [confirm, setConfirm] = useState<Subscription | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const activate = useMutation({
    mutationFn: (s: Subscription) => api<Subscription>('POST', `/subscriptions/${encodeURIComponent(s.id)}/activate`),
    onSuccess: (s) => {
      setDone(intl.formatMessage({ id: 'publishing.subscriptions.activated' }, { offer: offerName(s.offerId), customer: customerName(s.customerId) }));
      void client.invalidateQueries({ queryKey: ['subscriptions'] });
    },
    onError: () => { void subs.refetch(); },
  });
  const title = intl.formatMessage({ id: 'publishing.subscriptions.title' });
  const col = (id: string) => intl.formatMessage({ id: `publishing.subscriptions.col.${id}` });

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="publishing-muted"><FormattedMessage id="publishing.subscriptions.intro" /></p>
      <div className="filters">
        <OfferFilter id="waiting-offer" value={offer} onChange={(v) => list.apply({ offer: v })} />
      </div>
      <div aria-live="polite">
        {done && <p className="notice notice-success" role="status">{done}</p>}
      </div>
      <ErrorNotice error={activate.error} />
      {subs.isPending && <Loading />}
      <ErrorNotice error={subs.error} onRetry={() => void subs.refetch()} />
      {subs.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: 'publishing.subscriptions.empty' })}><p><FormattedMessage id="publishing.subscriptions.emptyHint" /></p></EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{col('customer')}</th>
                <th scope="col">{col('offer')}</th>
                <th scope="col">{col('quantity')}</th>
                <th scope="col">{col('bought')}</th>
                <th scope="col">{col('agreement')}</th>
                <th scope="col">{col('status')}</th>
                <th scope="col">{col('action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td data-label={col('customer')}>{customerName(s.customerId)}</td>
                  <td data-label={col('offer')}>
                    {offerName(s.offerId)}<br />
                    <span className="publishing-muted"><FormattedMessage id="publishing.subscriptions.plan" values={{ plan: planName(s), market: region(s.market) }} /></span>
                  </td>
                  <td data-label={col('quantity')}>{intl.formatNumber(s.quantity)}</td>
                  <td data-label={col('bought')}><DateTime value={s.createdAt} /></td>
                  <td data-label={col('agreement')}><FormattedMessage id="publishing.offers.agreementVersion" values={{ version: s.agreementVersion }} /></td>
                  <td data-label={col('status')}><SubscriptionBadge status={s.status} /></td>
                  <td data-label={col('action')}>
                    <button type="button" className="button button-primary" disabled={activate.isPending && activate.variables?.id === s.id}
                      aria-label={intl.formatMessage({ id: 'publishing.subscriptions.activateFor' }, { offer: offerName(s.offerId), customer: customerName(s.customerId) })}
                      onClick={() => { setDone(null); activate.reset(); setConfirm(s); }}>
                      <FormattedMessage id={activate.isPending && activate.variables?.id === s.id ? 'publishing.subscriptions.activating' : 'publishing.subscriptions.activate'} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(subs.data?.nextCursor)} isFirst={list.isFirst} busy={subs.isFetching}
        onNext={() => list.next(subs.data?.nextCursor)} onFirst={list.first} />
      {activate.isPending && <p role="status" className="visually-hidden"><FormattedMessage id="publishing.subscriptions.activating" /></p>}
      <ConfirmDialog
        isOpen={confirm !== null}
        onOpenChange={(open) => { if (!open) setConfirm(null); }}
        title={intl.formatMessage({ id: 'publishing.subscriptions.confirmTitle' })}
        confirmLabel={intl.formatMessage({ id: 'publishing.subscriptions.activate' })}
        onConfirm={() => { if (confirm) activate.mutate(confirm); }}
      >
        {confirm && (
          <p><FormattedMessage id="publishing.subscriptions.confirmBody" values={{
            offer: offerName(confirm.offerId), plan: planName(confirm), customer: customerName(confirm.customerId), quantity: confirm.quantity,
          }} /></p>
        )}
      </ConfirmDialog>
    </>
  );
}

const CASE_STATUSES = ['new', 'open', 'pending_customer', 'pending_party', 'resolved', 'closed'] as const;

/** Cases about the publisher's offers (its inbox, by offer), each with the publisher's external reference. */
function OfferCases() {
  const intl = useIntl();
  const label = useLabel();
  const list = useUrlList(['offer', 'status', 'q']);
  const { offer, status, q } = list.filters;
  const canWork = useCan('cases.work');
  const cases = useQuery({
    queryKey: ['cases', 'publishing', offer, status, q, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<InboxItem>>('GET', '/cases', {
      query: { offerId: offer || undefined, status: status ? [status] : undefined, q: q || undefined, cursor: list.cursor, limit: 20 }, signal,
    }),
    placeholderData: keepPreviousData,
  });
  const items = (cases.data?.items ?? []).filter((c) => c.offer !== null);
  // The inbox's rows carry no external reference: each case's own page does.
  const full = useQueries({
    queries: items.map((c) => ({
      queryKey: ['case', c.id, 'publishing-reference'],
      queryFn: ({ signal }: { signal: AbortSignal }) => api<Case>('GET', `/cases/${encodeURIComponent(c.id)}`, { signal }),
      staleTime: 30_000,
      retry: false,
    })),
  });
  const title = intl.formatMessage({ id: 'publishing.cases.title' });
  const col = (id: string) => intl.formatMessage({ id: `publishing.cases.col.${id}` });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    list.submitSearch();
  }

  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="publishing-muted"><FormattedMessage id={canWork ? 'publishing.cases.intro' : 'publishing.cases.introRead'} /></p>
      <form className="filters" role="search" onSubmit={onSearch} aria-label={intl.formatMessage({ id: 'publishing.cases.searchLabel' })}>
        <OfferFilter id="cases-offer" value={offer} onChange={(v) => list.apply({ offer: v })} />
        <div className="field">
          <label htmlFor="cases-status"><FormattedMessage id="publishing.cases.status" /></label>
          <select id="cases-status" value={status} onChange={(e) => list.apply({ status: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'publishing.cases.statusAny' })}</option>
            {CASE_STATUSES.map((s) => <option key={s} value={s}>{label('status', s)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cases-q"><FormattedMessage id="publishing.cases.search" /></label>
          <input id="cases-q" type="search" value={list.draft} maxLength={200} onChange={(e) => list.setDraft(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-secondary"><FormattedMessage id="publishing.offers.searchButton" /></button>
          {list.filtered && <button type="button" className="button button-ghost" onClick={list.clear}><FormattedMessage id="publishing.offers.clear" /></button>}
        </div>
      </form>
      {cases.isPending && <Loading />}
      <ErrorNotice error={cases.error} onRetry={() => void cases.refetch()} />
      {cases.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: list.filtered ? 'publishing.cases.emptyFiltered' : 'publishing.cases.empty' })}>
          <p><FormattedMessage id="publishing.cases.emptyHint" /></p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{col('case')}</th>
                <th scope="col">{col('offer')}</th>
                <th scope="col">{col('customer')}</th>
                <th scope="col">{col('status')}</th>
                <th scope="col">{col('reference')}</th>
                <th scope="col">{col('updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c, i) => {
                const detail = full[i];
                const reference = detail?.data?.externalReference;
                return (
                  <tr key={c.id}>
                    <td data-label={col('case')}>
                      <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                      <br /><SeverityBadge severity={c.severity} />
                    </td>
                    <td data-label={col('offer')}>{c.offer?.name ?? c.offer?.id}</td>
                    <td data-label={col('customer')}>{c.customer ? (c.customer.name ?? c.customer.id) : <FormattedMessage id="publishing.cases.noCustomer" />}</td>
                    <td data-label={col('status')}><StatusBadge status={c.status} /></td>
                    <td data-label={col('reference')}>
                      {detail?.isPending ? '…' : reference ? <code>{reference}</code> : <span className="publishing-muted"><FormattedMessage id="publishing.cases.noReference" /></span>}
                    </td>
                    <td data-label={col('updated')}><DateTime value={c.updatedAt} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(cases.data?.nextCursor)} isFirst={list.isFirst} busy={cases.isFetching}
        onNext={() => list.next(cases.data?.nextCursor)} onFirst={list.first} />
    </>
  );
}
