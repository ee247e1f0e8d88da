/**
 * The operator (`/operator`): organizations of every kind with a kind filter in the address and
 * cursor pages, each linked to its page; the commerce-platform cases the operator takes part in;
 * and the way to the marketplace-wide reports.
 */
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useLabel, StatusBadge, SeverityBadge } from '../../components/labels.tsx';
import { Badge, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { useUrlList } from '../../components/useUrlList.ts';
import { useCan } from '../../app/session.tsx';
import { ORG_KINDS, useCommerceCases, useOrganizations } from './operatorData.ts';

export default function OperatorPage() {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'operator.title' });
  const canOperate = useCan('operator.manage');
  if (!canOperate) return <OperatorOnly title={title} />;
  return (
    <div className="operator-page">
      <PageTitle title={title}>{title}</PageTitle>
      <nav aria-label={intl.formatMessage({ id: 'operator.sections' })} className="operator-links">
        <a href="#operator-organizations"><FormattedMessage id="operator.organizations.title" /></a>
        <a href="#operator-commerce"><FormattedMessage id="operator.commerce.title" /></a>
        <Link to="/operator/reports"><FormattedMessage id="operator.reports.link" /></Link>
      </nav>
      <Organizations />
      <CommerceCases />
    </div>
  );
}

function Organizations() {
  const intl = useIntl();
  const label = useLabel();
  const list = useUrlList(['kind']);
  const { kind } = list.filters;
  const orgs = useOrganizations(kind, list.cursor);
  const items = orgs.data?.items ?? [];
  return (
    <section aria-labelledby="operator-organizations" className="card">
      <h2 id="operator-organizations"><FormattedMessage id="operator.organizations.title" /></h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="operator-kind"><FormattedMessage id="operator.organizations.kind" /></label>
          <select id="operator-kind" value={kind} onChange={(e) => list.apply({ kind: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'operator.organizations.anyKind' })}</option>
            {ORG_KINDS.map((k) => <option key={k} value={k}>{label('orgKind', k)}</option>)}
          </select>
        </div>
      </div>
      {orgs.isPending && <Loading />}
      <ErrorNotice error={orgs.error} onRetry={() => void orgs.refetch()} />
      {orgs.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'operator.organizations.empty' })} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="operator.organizations.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="operator.col.name" /></th>
                <th scope="col"><FormattedMessage id="operator.col.kind" /></th>
                <th scope="col"><FormattedMessage id="operator.col.country" /></th>
                <th scope="col"><FormattedMessage id="operator.col.standing" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <td data-label={intl.formatMessage({ id: 'operator.col.name' })}><Link to={`/operator/organizations/${encodeURIComponent(o.id)}`}>{o.name}</Link></td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.kind' })}>
                    {label('orgKind', o.kind)}
                    {o.partnerModel && <span className="muted"> · {intl.formatMessage({ id: `operator.partnerModel.${o.partnerModel}` })}</span>}
                  </td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.country' })}>{regionName(intl.locale, o.country)}</td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.standing' })}>
                    {o.kind === 'partner'
                      ? <Badge tone={o.inGoodStanding ? 'good' : 'bad'}><FormattedMessage id={o.inGoodStanding ? 'operator.standing.good' : 'operator.standing.notGood'} /></Badge>
                      : <span className="muted"><FormattedMessage id="operator.standing.notApplicable" /></span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(orgs.data?.nextCursor)} isFirst={list.isFirst} busy={orgs.isFetching} onNext={() => list.next(orgs.data?.nextCursor)} onFirst={list.first} />
    </section>
  );
}

function CommerceCases() {
  const intl = useIntl();
  const cases = useCommerceCases();
  const items = cases.data?.items ?? [];
  return (
    <section aria-labelledby="operator-commerce" className="card">
      <h2 id="operator-commerce"><FormattedMessage id="operator.commerce.title" /></h2>
      <p className="muted"><FormattedMessage id="operator.commerce.intro" /></p>
      {cases.isPending && <Loading />}
      <ErrorNotice error={cases.error} onRetry={() => void cases.refetch()} />
      {cases.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'operator.commerce.empty' })} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="operator.commerce.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="operator.col.case" /></th>
                <th scope="col"><FormattedMessage id="operator.col.status" /></th>
                <th scope="col"><FormattedMessage id="operator.col.severity" /></th>
                <th scope="col"><FormattedMessage id="operator.col.holder" /></th>
                <th scope="col"><FormattedMessage id="operator.col.updated" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={intl.formatMessage({ id: 'operator.col.case' })}><Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link></td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.status' })}><StatusBadge status={c.status} /></td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.severity' })}><SeverityBadge severity={c.severity} /></td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.holder' })}>{c.holder.name ?? c.holder.id}</td>
                  <td data-label={intl.formatMessage({ id: 'operator.col.updated' })}><DateTime value={c.updatedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p><Link to="/cases?category=commerce_platform"><FormattedMessage id="operator.commerce.all" /></Link></p>
    </section>
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

/** What a viewer who isn't the operator sees on its pages (the API would refuse the rest anyway). */
export function OperatorOnly({ title }: { title: string }) {
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <EmptyState title={<FormattedMessage id="operator.only" />}><p><Link to="/"><FormattedMessage id="operator.home" /></Link></p></EmptyState>
    </>
  );
}
