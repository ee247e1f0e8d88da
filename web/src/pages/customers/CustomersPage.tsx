/**
 * Customers (`/customers`): the customers the viewer may see, by name, with search and a status
 * filter kept in the address, cursor pages, and each customer's partners.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Customer, Page } from '../../api/types.ts';
import { EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { CUSTOMERS_KEY } from './data.ts';

export default function CustomersPage() {
  const intl = useIntl();
  const list = useUrlList(['q', 'status']);
  const { q, status } = list.filters;
  const cursor = list.cursor;

  const customers = useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', q, status, cursor ?? null],
    queryFn: ({ signal }) => api<Page<Customer>>('GET', '/customers', { query: { q: q.trim() || undefined, status: status || undefined, cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    list.submitSearch();
  }

  const title = intl.formatMessage({ id: 'customers.list.title' });
  const items = customers.data?.items ?? [];
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <form className="filters" role="search" onSubmit={onSearch} aria-label={intl.formatMessage({ id: 'customers.list.searchLabel' })}>
        <div className="field">
          <label htmlFor="customers-q"><FormattedMessage id="customers.list.search" /></label>
          <input id="customers-q" type="search" value={list.draft} maxLength={200} onChange={(e) => list.setDraft(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="customers-status"><FormattedMessage id="customers.list.relationship" /></label>
          <select id="customers-status" value={status} onChange={(e) => list.apply({ status: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'customers.list.relationshipAny' })}</option>
            <option value="active">{intl.formatMessage({ id: 'customers.relationship.active' })}</option>
            <option value="ended">{intl.formatMessage({ id: 'customers.relationship.ended' })}</option>
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary"><FormattedMessage id="customers.list.searchButton" /></button>
          {list.filtered && (
            <button type="button" className="button button-ghost" onClick={list.clear}>
              <FormattedMessage id="customers.list.clear" />
            </button>
          )}
        </div>
      </form>

      {customers.isPending && <Loading />}
      <ErrorNotice error={customers.error} onRetry={() => void customers.refetch()} />
      {customers.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: q || status ? 'customers.list.emptyFiltered' : 'customers.list.empty' })}>
          <p><FormattedMessage id={q || status ? 'customers.list.emptyFilteredHint' : 'customers.list.emptyHint'} /></p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="customers.list.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="customers.col.name" /></th>
                <th scope="col"><FormattedMessage id="customers.col.country" /></th>
                <th scope="col"><FormattedMessage id="customers.col.partners" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={intl.formatMessage({ id: 'customers.col.name' })}><Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link></td>
                  <td data-label={intl.formatMessage({ id: 'customers.col.country' })}>{regionName(intl.locale, c.country)}</td>
                  <td data-label={intl.formatMessage({ id: 'customers.col.partners' })}>
                    {c.partners.length === 0 ? <FormattedMessage id="common.none" /> : c.partners.map((p) => (
                      <span key={p.relationshipId} className="customers-partner">
                        {p.name ?? p.id}
                        {p.status === 'ended' && <> ({intl.formatMessage({ id: 'customers.relationship.ended' })})</>}
                        {p.partnerModel && <span className="customers-muted"> · {intl.formatMessage({ id: `customers.partnerModel.${p.partnerModel}` })}</span>}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        hasNext={Boolean(customers.data?.nextCursor)}
        isFirst={list.isFirst}
        busy={customers.isFetching}
        onNext={() => list.next(customers.data?.nextCursor)}
        onFirst={list.first}
      />
    </>
  );
}

/** A country's name in the viewer's language (its code when the browser doesn't know it). */
export function regionName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
