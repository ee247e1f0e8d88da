/**
 * The marketplace (`/marketplace`): offers the viewer may discover, with keyword search, filters
 * by type and category kept in the address, cursor pages, and how each offer's audience reads for
 * the viewer's organization (exclusive to you / not available to you, in the API's own words).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { OfferQuery, OfferSummary, Page } from '../../api/types.ts';
import { EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { AvailabilityMark, CATEGORIES, OFFER_TYPES, useCategoryLabel } from './parts.tsx';

export default function MarketplacePage() {
  const intl = useIntl();
  const categoryLabel = useCategoryLabel();
  const list = useUrlList(['q', 'type', 'category']);
  const { q, type, category } = list.filters;
  const { cursor, apply } = list;

  const offers = useQuery({
    queryKey: ['offers', 'list', q, type, category, cursor ?? null],
    queryFn: ({ signal }) => api<Page<OfferSummary>>('GET', '/offers', {
      query: { q: q.trim() || undefined, type: (type || undefined) as OfferQuery['type'], category: category || undefined, cursor, limit: 20 },
      signal,
    }),
    placeholderData: keepPreviousData,
  });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    list.submitSearch();
  }

  const title = intl.formatMessage({ id: 'marketplace.list.title' });
  const filtered = list.filtered;
  const items = offers.data?.items ?? [];
  const categoryOptions = [...new Set([...CATEGORIES, ...items.flatMap((o) => o.categories), ...(category ? [category] : [])])].sort();
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="marketplace-intro"><FormattedMessage id="marketplace.list.intro" /></p>
      <form className="filters" role="search" onSubmit={onSearch} aria-label={intl.formatMessage({ id: 'marketplace.list.searchLabel' })}>
        <div className="field">
          <label htmlFor="marketplace-q"><FormattedMessage id="marketplace.list.search" /></label>
          <input id="marketplace-q" type="search" value={list.draft} maxLength={200} onChange={(e) => list.setDraft(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="marketplace-type"><FormattedMessage id="marketplace.list.type" /></label>
          <select id="marketplace-type" value={type} onChange={(e) => apply({ type: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'marketplace.list.typeAny' })}</option>
            {OFFER_TYPES.map((t) => <option key={t} value={t}>{intl.formatMessage({ id: `marketplace.type.${t}` })}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="marketplace-category"><FormattedMessage id="marketplace.list.category" /></label>
          <select id="marketplace-category" value={category} onChange={(e) => apply({ category: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'marketplace.list.categoryAny' })}</option>
            {categoryOptions.map((c) => <option key={c} value={c}>{categoryLabel(c)}</option>)}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary"><FormattedMessage id="marketplace.list.searchButton" /></button>
          {filtered && (
            <button type="button" className="button button-ghost" onClick={list.clear}>
              <FormattedMessage id="marketplace.list.clear" />
            </button>
          )}
        </div>
      </form>

      {offers.isPending && <Loading />}
      <ErrorNotice error={offers.error} onRetry={() => void offers.refetch()} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {offers.isSuccess && intl.formatMessage({ id: 'marketplace.list.count' }, { count: items.length })}
      </p>
      {offers.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: filtered ? 'marketplace.list.emptyFiltered' : 'marketplace.list.empty' })}>
          <p><FormattedMessage id={filtered ? 'marketplace.list.emptyFilteredHint' : 'marketplace.list.emptyHint'} /></p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="marketplace-grid" aria-label={intl.formatMessage({ id: 'marketplace.list.caption' })}>
          {items.map((o) => (
            <li key={o.id} className="card marketplace-card">
              <h2 className="marketplace-card-title"><Link to={`/marketplace/${encodeURIComponent(o.id)}`}>{o.name}</Link></h2>
              <p className="marketplace-muted">
                <FormattedMessage id="marketplace.card.by" values={{ publisher: o.publisher.name }} />
                {' · '}{intl.formatMessage({ id: `marketplace.type.${o.type}` })}
              </p>
              <p>{o.summary}</p>
              <p className="marketplace-tags">
                {o.categories.map((c) => <span key={c} className="badge badge-neutral">{categoryLabel(c)}</span>)}
              </p>
              <AvailabilityMark availability={o.availability} />
            </li>
          ))}
        </ul>
      )}
      <Pager
        hasNext={Boolean(offers.data?.nextCursor)}
        isFirst={list.isFirst}
        busy={offers.isFetching}
        onNext={() => list.next(offers.data?.nextCursor)}
        onFirst={list.first}
      />
    </>
  );
}
