/**
 * Customer relationships (`/admin/customer-relationships`): create a customer with an active
 * relationship to the viewer's organization, optionally with its first user (POST /customers,
 * idempotent), and end a relationship (POST /customers/:id/relationship/end, confirmed). The
 * customers link to their pages under /customers.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api, newIdempotencyKey } from '../../../api/client.ts';
import type { CreateCustomerBody, CreatedCustomer, Customer, Page } from '../../../api/types.ts';
import { fieldErrors } from '../../../app/errors.ts';
import { useCan, useViewer } from '../../../app/session.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';

const CUSTOMERS_KEY = ['customers'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every region the browser can name, by its name in the viewer's language. */
function useCountries(locale: string): { code: string; name: string }[] {
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const out: { code: string; name: string }[] = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        let name: string | undefined;
        try { name = names.of(code); } catch { name = undefined; }
        if (name && name !== code) out.push({ code, name });
      }
    }
    return out.sort((x, y) => x.name.localeCompare(y.name, locale));
  }, [locale]);
}

export default function CustomerRelationshipsPage() {
  const intl = useIntl();
  const canManage = useCan('customers.manage');
  const viewer = useViewer();
  // Direct partners and resellers sell to customers; a provider reaches them through its resellers.
  const sells = viewer.organization.kind === 'partner' && viewer.organization.partnerModel !== 'indirect_provider';
  const title = intl.formatMessage({ id: 'channel.customers.title' });
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="channel.customers.intro" values={{ link: (chunks) => <Link to="/customers">{chunks}</Link> }} /></p>
      {canManage && sells && <CreateSection />}
      {canManage && !sells && <p className="notice notice-info"><FormattedMessage id="channel.customers.providerNote" /></p>}
      <ListSection canManage={canManage} />
    </>
  );
}

interface Draft { name: string; country: string; withAdmin: boolean; email: string; adminName: string; password: string; locale: 'en' | 'ko' }

function CreateSection() {
  const intl = useIntl();
  const client = useQueryClient();
  const viewer = useViewer();
  const countries = useCountries(intl.locale);
  const empty: Draft = { name: '', country: viewer.organization.country, withAdmin: false, email: '', adminName: '', password: '', locale: intl.locale === 'ko' ? 'ko' : 'en' };
  const [v, setV] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<CreatedCustomer | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateCustomerBody) => api<CreatedCustomer>('POST', '/customers', { body, idempotencyKey: key }),
    onSuccess: (data) => {
      void client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      setCreated(data);
      setV(empty);
      setKey(newIdempotencyKey());
    },
  });
  const server = fieldErrors(create.error);
  const set = <K extends keyof Draft>(k: K, value: Draft[K]) => {
    setV((d) => ({ ...d, [k]: value }));
    setErrors((e) => ({ ...e, [k]: undefined }));
    setKey(newIdempotencyKey());
  };
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    const next: Partial<Record<keyof Draft, string>> = {};
    if (!v.name.trim()) next.name = intl.formatMessage({ id: 'channel.customers.nameRequired' });
    if (!/^[A-Z]{2}$/.test(v.country)) next.country = intl.formatMessage({ id: 'channel.customers.countryRequired' });
    if (v.withAdmin) {
      if (!EMAIL.test(v.email.trim())) next.email = intl.formatMessage({ id: 'channel.customers.emailInvalid' });
      if (!v.adminName.trim()) next.adminName = intl.formatMessage({ id: 'channel.customers.adminNameRequired' });
      if (v.password.length < 12) next.password = intl.formatMessage({ id: 'channel.customers.passwordShort' });
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      document.getElementById(`cc-${Object.keys(next)[0]}`)?.focus();
      return;
    }
    create.mutate({
      name: v.name.trim(), country: v.country,
      ...(v.withAdmin ? { admin: { email: v.email.trim(), name: v.adminName.trim(), password: v.password, locale: v.locale } } : {}),
    });
  }
  const err = (k: keyof Draft, serverField?: string) => errors[k] ?? (serverField ? server[serverField] : undefined);
  const field = (k: keyof Draft, labelId: string, input: ReactNode, serverField?: string, hintId?: string) => (
    <div className="field">
      <label htmlFor={`cc-${k}`}><FormattedMessage id={labelId} /></label>
      {input}
      {hintId && <p id={`cc-${k}-hint`} className="field-hint"><FormattedMessage id={hintId} /></p>}
      {err(k, serverField) && <p id={`cc-${k}-error`} className="field-error">{err(k, serverField)}</p>}
    </div>
  );
  const aria = (k: keyof Draft, serverField?: string, hint = false) => ({
    id: `cc-${k}`, 'aria-invalid': Boolean(err(k, serverField)), 'aria-describedby': [hint ? `cc-${k}-hint` : '', `cc-${k}-error`].filter(Boolean).join(' '),
  });
  return (
    <section className="card" aria-labelledby="cc-create">
      <h2 id="cc-create"><FormattedMessage id="channel.customers.create" /></h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="filters">
          {field('name', 'channel.customers.name', <input {...aria('name', 'name')} maxLength={200} value={v.name} onChange={(e) => set('name', e.target.value)} />, 'name')}
          {field('country', 'channel.customers.country', (
            <select {...aria('country', 'country')} value={v.country} onChange={(e) => set('country', e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'channel.customers.chooseCountry' })}</option>
              {countries.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          ), 'country')}
        </div>
        <div className="field channel-check">
          <label>
            <input type="checkbox" checked={v.withAdmin} onChange={(e) => set('withAdmin', e.target.checked)} />{' '}
            <FormattedMessage id="channel.customers.withAdmin" />
          </label>
        </div>
        {v.withAdmin && (
          <fieldset className="channel-fieldset">
            <legend><FormattedMessage id="channel.customers.admin" /></legend>
            <div className="filters">
              {field('email', 'channel.customers.email', <input type="email" autoComplete="off" {...aria('email', 'admin.email')} maxLength={254} value={v.email} onChange={(e) => set('email', e.target.value)} />, 'admin.email')}
              {field('adminName', 'channel.customers.adminName', <input {...aria('adminName', 'admin.name')} maxLength={200} value={v.adminName} onChange={(e) => set('adminName', e.target.value)} />, 'admin.name')}
              {field('password', 'channel.customers.password', <input type="password" autoComplete="new-password" {...aria('password', 'admin.password', true)} maxLength={200} value={v.password} onChange={(e) => set('password', e.target.value)} />, 'admin.password', 'channel.customers.passwordHint')}
              {field('locale', 'channel.customers.locale', (
                <select {...aria('locale')} value={v.locale} onChange={(e) => set('locale', e.target.value as 'en' | 'ko')}>
                  <option value="en" lang="en">English</option>
                  <option value="ko" lang="ko">한국어</option>
                </select>
              ))}
            </div>
          </fieldset>
        )}
        <ErrorNotice error={create.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            <FormattedMessage id={create.isPending ? 'channel.customers.creating' : 'channel.customers.submit'} />
          </button>
        </div>
        {create.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="channel.customers.creating" /></p>}
        {created && !create.isPending && (
          <div className="notice notice-success" role="status">
            <p>
              <FormattedMessage id={created.admin ? 'channel.customers.createdWithAdmin' : 'channel.customers.created'}
                values={{ name: created.customer.name, email: created.admin?.email ?? '', link: (chunks) => <Link to={`/customers/${encodeURIComponent(created.customer.id)}`}>{chunks}</Link> }} />
            </p>
          </div>
        )}
      </form>
    </section>
  );
}

function ListSection({ canManage }: { canManage: boolean }) {
  const intl = useIntl();
  const client = useQueryClient();
  const viewer = useViewer();
  const list = useUrlList(['q', 'status']);
  const { q, status } = list.filters;
  const customers = useQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', q, status, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<Customer>>('GET', '/customers', { query: { q: q || undefined, status: status || undefined, cursor: list.cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });
  const [ending, setEnding] = useState<Customer | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const end = useMutation({
    mutationFn: (c: Customer) => api<Customer>('POST', `/customers/${encodeURIComponent(c.id)}/relationship/end`),
    onSuccess: (c) => { void client.invalidateQueries({ queryKey: CUSTOMERS_KEY }); setDone(intl.formatMessage({ id: 'channel.customers.ended' }, { name: c.name })); },
  });
  const items = customers.data?.items ?? [];
  const mine = (c: Customer) => c.partners.find((p) => p.id === viewer.organization.id);
  return (
    <section aria-labelledby="cc-list">
      <h2 id="cc-list"><FormattedMessage id="channel.customers.list" /></h2>
      <form className="filters" role="search" aria-label={intl.formatMessage({ id: 'channel.customers.searchLabel' })} onSubmit={(e) => { e.preventDefault(); list.submitSearch(); }}>
        <div className="field">
          <label htmlFor="cc-q"><FormattedMessage id="channel.customers.search" /></label>
          <input id="cc-q" type="search" maxLength={200} value={list.draft} onChange={(e) => list.setDraft(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cc-status"><FormattedMessage id="channel.customers.relationship" /></label>
          <select id="cc-status" value={status} onChange={(e) => list.apply({ status: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'channel.any' })}</option>
            <option value="active">{intl.formatMessage({ id: 'channel.relationship.active' })}</option>
            <option value="ended">{intl.formatMessage({ id: 'channel.relationship.ended' })}</option>
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary"><FormattedMessage id="channel.search" /></button>
          {list.filtered && <button type="button" className="button button-ghost" onClick={list.clear}><FormattedMessage id="channel.clearFilters" /></button>}
        </div>
      </form>
      {customers.isPending && <Loading />}
      <ErrorNotice error={customers.error} onRetry={() => void customers.refetch()} />
      {done && !end.isPending && <p className="notice notice-success" role="status">{done}</p>}
      {end.isPending && <p role="status" className="muted"><FormattedMessage id="channel.saving" /></p>}
      <ErrorNotice error={end.error} />
      {customers.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: list.filtered ? 'channel.customers.emptyFiltered' : 'channel.customers.empty' })} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="channel.customers.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="channel.col.customer" /></th>
                <th scope="col"><FormattedMessage id="channel.col.status" /></th>
                <th scope="col"><FormattedMessage id="channel.col.since" /></th>
                {canManage && <th scope="col"><FormattedMessage id="channel.col.actions" /></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const rel = mine(c);
                return (
                  <tr key={c.id}>
                    <th scope="row"><Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link></th>
                    <td data-label={intl.formatMessage({ id: 'channel.col.status' })}>
                      {rel ? <Badge tone={rel.status === 'active' ? 'good' : 'neutral'}><FormattedMessage id={`channel.relationship.${rel.status}`} /></Badge> : '—'}
                    </td>
                    <td data-label={intl.formatMessage({ id: 'channel.col.since' })}>
                      {rel ? <><DateTime value={rel.since} />{rel.endedAt && <div className="muted"><FormattedMessage id="channel.relationships.endedAt" />: <DateTime value={rel.endedAt} /></div>}</> : '—'}
                    </td>
                    {canManage && (
                      <td data-label={intl.formatMessage({ id: 'channel.col.actions' })}>
                        {rel?.status === 'active' && (
                          <button type="button" className="button button-secondary" disabled={end.isPending} onClick={() => { setDone(null); setEnding(c); }}>
                            <FormattedMessage id="channel.customers.end" values={{ name: c.name }} />
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(customers.data?.nextCursor)} isFirst={list.isFirst} busy={customers.isFetching} onNext={() => list.next(customers.data?.nextCursor)} onFirst={list.first} />
      <ConfirmDialog
        isOpen={ending !== null}
        onOpenChange={(open) => { if (!open) setEnding(null); }}
        title={intl.formatMessage({ id: 'channel.customers.confirmTitle' }, { name: ending?.name ?? '' })}
        confirmLabel={intl.formatMessage({ id: 'channel.customers.confirm' })}
        tone="warning"
        onConfirm={() => { if (ending) end.mutate(ending); }}
      >
        <p><FormattedMessage id="channel.customers.confirmText" values={{ name: ending?.name ?? '' }} /></p>
      </ConfirmDialog>
    </section>
  );
}
