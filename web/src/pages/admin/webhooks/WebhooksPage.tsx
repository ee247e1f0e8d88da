/**
 * Webhook endpoints (`/admin/webhooks`, webhooks.manage): the organization's endpoints with their
 * state; add one (URL, description, event types of GET /event-types) and keep its signing secret,
 * shown once. Each endpoint's own page (`/admin/webhooks/:endpointId`) edits, rotates, disables,
 * removes it and shows its delivery log.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation } from 'react-router';
import { api, newIdempotencyKey } from '../../../api/client.ts';
import type { CreateWebhookEndpointBody, Page, WebhookEndpoint, WebhookEndpointWithSecret } from '../../../api/types.ts';
import { useCan } from '../../../app/session.tsx';
import { DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';
import { DisabledReason, EndpointForm, EndpointStatus, SecretOnce, useEventLabel, WEBHOOKS_KEY } from './shared.tsx';

export default function WebhooksPage() {
  const intl = useIntl();
  const canManage = useCan('webhooks.manage');
  const title = intl.formatMessage({ id: 'webhooks.title' });
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  // An endpoint removed on its own page is said here, where the viewer lands.
  const removed = (useLocation().state as { removed?: string } | null)?.removed;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="webhooks.intro" /></p>
      {!canManage && <p className="notice notice-info"><FormattedMessage id="webhooks.noPermission" /></p>}
      {removed && !created && <p className="notice notice-success" role="status"><FormattedMessage id="webhooks.done.remove" values={{ url: removed }} /></p>}
      {canManage && created && <SecretOnce endpoint={created} rotated={false} onDismiss={() => setCreated(null)} />}
      {canManage && <AddSection onCreated={setCreated} />}
      {canManage && <ListSection />}
    </>
  );
}

function AddSection({ onCreated }: { onCreated: (e: WebhookEndpointWithSecret) => void }) {
  const intl = useIntl();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [key, setKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: (body: CreateWebhookEndpointBody) => api<WebhookEndpointWithSecret>('POST', '/webhooks/endpoints', { body, idempotencyKey: key }),
    onSuccess: (data) => {
      void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
      onCreated(data);
      setOpen(false);
      setFormKey((k) => k + 1);
      setKey(newIdempotencyKey());
    },
  });
  return (
    <section className="card" aria-labelledby="webhooks-add">
      <h2 id="webhooks-add"><FormattedMessage id="webhooks.add.title" /></h2>
      {!open ? (
        <button type="button" className="button button-primary" onClick={() => { create.reset(); setOpen(true); }}>
          <FormattedMessage id="webhooks.add.open" />
        </button>
      ) : (
        <EndpointForm
          key={formKey}
          idPrefix="wh-add"
          initial={{ url: '', description: '', eventTypes: [] }}
          submitLabel={intl.formatMessage({ id: 'webhooks.add.submit' })}
          busyLabel={intl.formatMessage({ id: 'webhooks.add.saving' })}
          busy={create.isPending}
          error={create.error}
          onSubmit={(d) => {
            setKey(newIdempotencyKey());
            create.mutate({ url: d.url, ...(d.description ? { description: d.description } : {}), eventTypes: d.eventTypes as CreateWebhookEndpointBody['eventTypes'] });
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </section>
  );
}

function ListSection() {
  const intl = useIntl();
  const label = useEventLabel();
  const list = useUrlList([]);
  const endpoints = useQuery({
    queryKey: [...WEBHOOKS_KEY, 'endpoints', list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<WebhookEndpoint>>('GET', '/webhooks/endpoints', { query: { cursor: list.cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = endpoints.data?.items ?? [];
  return (
    <section aria-labelledby="webhooks-list">
      <h2 id="webhooks-list"><FormattedMessage id="webhooks.list.title" /></h2>
      {endpoints.isPending && <Loading />}
      <ErrorNotice error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      {endpoints.isSuccess && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: 'webhooks.list.empty' })}><p><FormattedMessage id="webhooks.list.emptyHint" /></p></EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="webhooks.list.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="webhooks.col.endpoint" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.status" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.eventTypes" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.created" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/admin/webhooks/${encodeURIComponent(e.id)}`} className="webhooks-url">{e.url}</Link>
                    {e.description && <div className="muted">{e.description}</div>}
                  </th>
                  <td data-label={intl.formatMessage({ id: 'webhooks.col.status' })}>
                    <EndpointStatus endpoint={e} />
                    {e.status === 'disabled' && <div className="muted"><DisabledReason endpoint={e} /></div>}
                    {e.status === 'enabled' && e.failingSince && (
                      <div className="muted"><FormattedMessage id="webhooks.failingSince" />: <DateTime value={e.failingSince} /></div>
                    )}
                  </td>
                  <td data-label={intl.formatMessage({ id: 'webhooks.col.eventTypes' })}>
                    <FormattedMessage id="webhooks.eventCount" values={{ count: e.eventTypes.length }} />
                    <div className="muted">{e.eventTypes.slice(0, 3).map((t) => label(t)).join(', ')}{e.eventTypes.length > 3 ? ' …' : ''}</div>
                  </td>
                  <td data-label={intl.formatMessage({ id: 'webhooks.col.created' })}><DateTime value={e.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(endpoints.data?.nextCursor)} isFirst={list.isFirst} busy={endpoints.isFetching} onNext={() => list.next(endpoints.data?.nextCursor)} onFirst={list.first} />
    </section>
  );
}
