/**
 * The inbox (`/cases`): the cases the viewer's organization holds or takes part in, or those
 * assigned to the viewer; filters, search and sort kept in the address (a reload or a shared link
 * keeps them), cursor pages; a table at laptop width, cards at phone width.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { InboxQuery } from '../../api/types.ts';
import { useLabel, SeverityBadge, StatusBadge } from '../../components/labels.tsx';
import { DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { fetchInbox, INBOX_KEY } from './inboxData.ts';
import { SlaState } from './SlaState.tsx';

const STATUSES = ['new', 'open', 'pending_customer', 'pending_party', 'resolved', 'closed'] as const;
const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;
const VIEWS = ['all', 'held', 'assigned'] as const;
const SORTS = ['due', 'severity', 'updated'] as const;
const FILTER_KEYS = ['view', 'status', 'category', 'severity', 'offerId', 'customerId', 'holder', 'q', 'sort'] as const;

export default function InboxPage() {
  const intl = useIntl();
  const label = useLabel();
  const list = useUrlList(FILTER_KEYS, { kept: ['view', 'sort'] });
  const { status, category, severity, offerId, customerId, holder, q } = list.filters;
  const view = VIEWS.find((v) => v === list.filters.view) ?? 'all';
  const sort = SORTS.find((s) => s === list.filters.sort) ?? 'updated';
  const { cursor, apply } = list;

  const query: Partial<InboxQuery> = {
    status: status ? ([status] as InboxQuery['status']) : undefined,
    category: (category || undefined) as InboxQuery['category'],
    severity: (severity || undefined) as InboxQuery['severity'],
    offerId: offerId || undefined,
    customerId: customerId || undefined,
    holder: view === 'held' ? 'me' : holder || undefined,
    assignee: view === 'assigned' ? 'me' : undefined,
    q: q.trim() || undefined,
    sort,
    cursor,
    limit: 25,
  };
  const cases = useQuery({
    queryKey: [...INBOX_KEY, query],
    queryFn: ({ signal }) => fetchInbox(query, signal),
    placeholderData: keepPreviousData,
  });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    list.submitSearch();
  }
  const hasFilters = list.filtered;
  const categories = Object.keys(intl.messages).filter((k) => k.startsWith('enum.category.')).map((k) => k.slice('enum.category.'.length));
  const title = intl.formatMessage({ id: 'inbox.title' });
  const items = cases.data?.items ?? [];
  // The customer, offer and holder filters name what the rows show (the API filters by id).
  const customers = new Map(items.flatMap((i) => (i.customer ? [[i.customer.id, i.customer.name ?? i.customer.id]] : [])));
  if (customerId && !customers.has(customerId)) customers.set(customerId, customerId);
  const offers = new Map(items.flatMap((i) => (i.offer ? [[i.offer.id, i.offer.name ?? i.offer.id]] : [])));
  if (offerId && !offers.has(offerId)) offers.set(offerId, offerId);
  const holders = new Map(items.map((i) => [i.holder.id, i.holder.name ?? i.holder.id]));
  if (holder && !holders.has(holder)) holders.set(holder, holder);

  return (
    <div className="inbox-page">
      <PageTitle title={title}>{title}</PageTitle>
      <div className="tabs-list" role="group" aria-label={intl.formatMessage({ id: 'inbox.view.label' })}>
        {VIEWS.map((v) => (
          <button key={v} type="button" className="tab" data-selected={view === v || undefined} aria-pressed={view === v}
            onClick={() => apply({ view: v === 'all' ? '' : v, holder: v === 'held' ? '' : holder })}>
            <FormattedMessage id={`inbox.view.${v}`} />
          </button>
        ))}
      </div>

      <form className="filters" role="search" onSubmit={onSearch} aria-label={intl.formatMessage({ id: 'inbox.filters' })}>
        <div className="field">
          <label htmlFor="inbox-q"><FormattedMessage id="inbox.filter.q" /></label>
          <input id="inbox-q" type="search" value={list.draft} maxLength={200} onChange={(e) => list.setDraft(e.target.value)} />
        </div>
        <button type="submit" className="button button-secondary"><FormattedMessage id="inbox.filter.search" /></button>
        <div className="field">
          <label htmlFor="inbox-status"><FormattedMessage id="inbox.filter.status" /></label>
          <select id="inbox-status" value={status} onChange={(e) => apply({ status: e.target.value })}>
            <option value=""><FormattedMessage id="inbox.filter.any" /></option>
            {STATUSES.map((s) => <option key={s} value={s}>{label('status', s)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-category"><FormattedMessage id="inbox.filter.category" /></label>
          <select id="inbox-category" value={category} onChange={(e) => apply({ category: e.target.value })}>
            <option value=""><FormattedMessage id="inbox.filter.any" /></option>
            {categories.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-severity"><FormattedMessage id="inbox.filter.severity" /></label>
          <select id="inbox-severity" value={severity} onChange={(e) => apply({ severity: e.target.value })}>
            <option value=""><FormattedMessage id="inbox.filter.any" /></option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-customer"><FormattedMessage id="inbox.filter.customer" /></label>
          <select id="inbox-customer" value={customerId} onChange={(e) => apply({ customerId: e.target.value })}>
            <option value=""><FormattedMessage id="inbox.filter.any" /></option>
            {[...customers].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inbox-offer"><FormattedMessage id="inbox.filter.offer" /></label>
          <select id="inbox-offer" value={offerId} onChange={(e) => apply({ offerId: e.target.value })}>
            <option value=""><FormattedMessage id="inbox.filter.any" /></option>
            {[...offers].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </div>
        {view !== 'held' && (
          <div className="field">
            <label htmlFor="inbox-holder"><FormattedMessage id="inbox.filter.holder" /></label>
            <select id="inbox-holder" value={holder} onChange={(e) => apply({ holder: e.target.value })}>
              <option value=""><FormattedMessage id="inbox.filter.any" /></option>
              {[...holders].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="inbox-sort"><FormattedMessage id="inbox.sort.label" /></label>
          <select id="inbox-sort" value={sort} onChange={(e) => apply({ sort: e.target.value === 'updated' ? '' : e.target.value })}>
            {SORTS.map((s) => <option key={s} value={s}>{intl.formatMessage({ id: `inbox.sort.${s}` })}</option>)}
          </select>
        </div>
        {hasFilters && (
          <button type="button" className="button button-ghost" onClick={list.clear}>
            <FormattedMessage id="inbox.filter.clear" />
          </button>
        )}
      </form>

      {cases.isPending && <Loading />}
      <ErrorNotice error={cases.error} onRetry={() => void cases.refetch()} />
      {cases.data && (
        <p className="result-count" role="status" aria-live="polite">
          <FormattedMessage id="inbox.shown" values={{ count: items.length }} />
        </p>
      )}
      {cases.data && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: hasFilters ? 'inbox.empty.filtered' : `inbox.empty.${view}` })}>
          <FormattedMessage id={hasFilters ? 'inbox.empty.filteredHint' : 'inbox.empty.hint'} />
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive inbox-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="inbox.col.title" /></th>
                <th scope="col"><FormattedMessage id="inbox.col.customer" /></th>
                <th scope="col"><FormattedMessage id="inbox.col.holder" /></th>
                <th scope="col"><FormattedMessage id="inbox.col.status" /></th>
                <th scope="col"><FormattedMessage id="inbox.col.severity" /></th>
                <th scope="col"><FormattedMessage id="inbox.col.sla" /></th>
                <th scope="col"><FormattedMessage id="inbox.col.updated" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.title' })}>
                    <Link to={`/cases/${c.id}`}>{c.title}</Link>
                    <span className="row-sub">{label('category', c.category)}</span>
                  </td>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.customer' })}>{c.customer ? (c.customer.name ?? intl.formatMessage({ id: 'inbox.hiddenName' })) : intl.formatMessage({ id: 'inbox.noCustomer' })}</td>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.holder' })}>{c.holder.name ?? intl.formatMessage({ id: 'inbox.hiddenName' })}</td>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.status' })}><StatusBadge status={c.status} /></td>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.severity' })}><SeverityBadge severity={c.severity} /></td>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.sla' })}><SlaState item={c} /></td>
                  <td data-label={intl.formatMessage({ id: 'inbox.col.updated' })}><DateTime value={c.updatedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(cases.data?.nextCursor)} isFirst={list.isFirst} busy={cases.isFetching}
        onNext={() => list.next(cases.data?.nextCursor)} onFirst={list.first} />
    </div>
  );
}
