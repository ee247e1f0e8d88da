/**
 * Service health (`/incidents`): the incidents that reach the viewer's organization, newest first —
 * a publisher's own, a partner's or customer's of the offers it holds — with filters (open or
 * past, one offer) kept in the address and cursor pages. Publishers who manage incidents post a
 * new one from here. Each offer links to its status page.
 */
import { type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useCan, useViewer } from '../../app/session.tsx';
import { Badge, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { IMPACT_TONE, useIncidentOffers, useIncidents, useOwnOffers } from './incidentsData.ts';

export default function IncidentsPage() {
  const intl = useIntl();
  const viewer = useViewer();
  const isPublisher = viewer.organization.kind === 'publisher';
  const canManage = useCan('incidents.manage') && isPublisher;
  const list = useUrlList(['status', 'offer']);
  const { status, offer } = list.filters;
  const incidents = useIncidents({ status, offerId: offer, cursor: list.cursor });
  const own = useOwnOffers(isPublisher ? viewer.organization.id : undefined);
  const held = useIncidentOffers(!isPublisher);
  const offers = (isPublisher ? own.data : held.data) ?? [];
  const offerOptions = offer && !offers.some((o) => o.id === offer) ? [...offers, { id: offer, name: offer }] : offers;

  const title = intl.formatMessage({ id: 'incidents.list.title' });
  const items = incidents.data?.items ?? [];
  const col = (id: string) => intl.formatMessage({ id: `incidents.col.${id}` });
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="incidents-intro">
        <FormattedMessage id={isPublisher ? 'incidents.list.introPublisher' : 'incidents.list.intro'} />
      </p>
      {canManage && (
        <p><Link className="button button-primary" to="/incidents/new"><FormattedMessage id="incidents.list.post" /></Link></p>
      )}
      <form className="filters" aria-label={intl.formatMessage({ id: 'incidents.list.filters' })} onSubmit={(e: FormEvent) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="incidents-status"><FormattedMessage id="incidents.list.statusFilter" /></label>
          <select id="incidents-status" value={status} onChange={(e) => list.apply({ status: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'incidents.list.statusAll' })}</option>
            <option value="open">{intl.formatMessage({ id: 'incidents.list.statusOpen' })}</option>
            <option value="resolved">{intl.formatMessage({ id: 'incidents.list.statusResolved' })}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="incidents-offer"><FormattedMessage id="incidents.list.offerFilter" /></label>
          <select id="incidents-offer" value={offer} onChange={(e) => list.apply({ offer: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'incidents.list.offerAny' })}</option>
            {offerOptions.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        {list.filtered && (
          <div className="button-row">
            <button type="button" className="button button-ghost" onClick={list.clear}><FormattedMessage id="incidents.list.clear" /></button>
          </div>
        )}
      </form>

      {incidents.isPending && <Loading />}
      <ErrorNotice error={incidents.error} onRetry={() => void incidents.refetch()} />
      {incidents.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: list.filtered ? 'incidents.list.emptyFiltered' : 'incidents.list.empty' })}>
          <p><FormattedMessage id={list.filtered ? 'incidents.list.emptyFilteredHint' : isPublisher ? 'incidents.list.emptyHintPublisher' : 'incidents.list.emptyHint'} /></p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive incidents-table">
            <caption className="visually-hidden"><FormattedMessage id="incidents.list.caption" /></caption>
            <thead>
              <tr>
                <th scope="col">{col('title')}</th>
                <th scope="col">{col('impact')}</th>
                <th scope="col">{col('status')}</th>
                <th scope="col">{col('offers')}</th>
                {!isPublisher && <th scope="col">{col('publisher')}</th>}
                <th scope="col">{col('started')}</th>
                <th scope="col">{col('resolved')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td data-label={col('title')}><Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link></td>
                  <td data-label={col('impact')}><Badge tone={IMPACT_TONE[i.impact]}><FormattedMessage id={`incidents.impact.${i.impact}`} /></Badge></td>
                  <td data-label={col('status')}><Badge tone={i.isOpen ? 'warn' : 'good'}><FormattedMessage id={`incidents.status.${i.status}`} /></Badge></td>
                  <td data-label={col('offers')}>
                    <ul className="inline-list">
                      {i.offers.map((o) => <li key={o.id}><Link to={`/status/${encodeURIComponent(o.id)}`}>{o.name}</Link></li>)}
                    </ul>
                  </td>
                  {!isPublisher && <td data-label={col('publisher')}>{i.publisher.name}</td>}
                  <td data-label={col('started')}><DateTime value={i.startedAt} /></td>
                  <td data-label={col('resolved')}>{i.resolvedAt ? <DateTime value={i.resolvedAt} /> : <FormattedMessage id="incidents.list.stillOpen" />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        hasNext={Boolean(incidents.data?.nextCursor)}
        isFirst={list.isFirst}
        busy={incidents.isFetching}
        onNext={() => list.next(incidents.data?.nextCursor)}
        onFirst={list.first}
      />
    </>
  );
}
