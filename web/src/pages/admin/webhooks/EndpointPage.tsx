/**
 * One webhook endpoint (`/admin/webhooks/:endpointId`, webhooks.manage): its facts; edit it,
 * disable or enable it, rotate its secret (the new one shown once, the previous one signing for
 * the grace period the API answers), remove it (confirmed); and its delivery log, newest first,
 * filtered by status in the address, refreshed while deliveries are pending — each delivery's
 * attempts in a dialog, and replay.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page, UpdateWebhookEndpointBody, WebhookDelivery, WebhookDeliveryDetail, WebhookEndpoint, WebhookEndpointWithSecret } from '../../../api/types.ts';
import { useCan } from '../../../app/session.tsx';
import { ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';
import { DeliveryStatus, DisabledReason, EndpointForm, EndpointStatus, SecretOnce, useEventLabel, WebhookError, WEBHOOKS_KEY } from './shared.tsx';

const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
/** How often the log is asked again while a delivery is pending. */
const PENDING_REFRESH_MS = 3_000;
/** How often an empty log is asked again, for the first delivery. */
const EMPTY_REFRESH_MS = 5_000;

export default function EndpointPage() {
  const intl = useIntl();
  const { endpointId = '' } = useParams();
  const canManage = useCan('webhooks.manage');
  const endpoint = useQuery({
    queryKey: [...WEBHOOKS_KEY, 'endpoint', endpointId],
    queryFn: ({ signal }) => api<WebhookEndpoint>('GET', `/webhooks/endpoints/${encodeURIComponent(endpointId)}`, { signal }),
    enabled: canManage,
  });
  const title = endpoint.data ? intl.formatMessage({ id: 'webhooks.endpoint.title' }, { url: endpoint.data.url }) : intl.formatMessage({ id: 'webhooks.endpoint.titleLoading' });
  return (
    <>
      <p className="webhooks-back"><Link to="/admin/webhooks"><FormattedMessage id="webhooks.back" /></Link></p>
      <PageTitle title={title}>{endpoint.data ? <FormattedMessage id="webhooks.endpoint.heading" /> : title}</PageTitle>
      {!canManage && <p className="notice notice-info"><FormattedMessage id="webhooks.noPermission" /></p>}
      {endpoint.isPending && canManage && <Loading />}
      {endpoint.error && <WebhookError error={endpoint.error} onRetry={() => void endpoint.refetch()} />}
      {endpoint.data && <Facts endpoint={endpoint.data} />}
      {endpoint.data && <Deliveries endpoint={endpoint.data} />}
    </>
  );
}

type Action = 'disable' | 'enable' | 'rotate' | 'remove';
type Confirming = Exclude<Action, 'enable'> | null;

function Facts({ endpoint }: { endpoint: WebhookEndpoint }) {
  const intl = useIntl();
  const client = useQueryClient();
  const navigate = useNavigate();
  const label = useEventLabel();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [done, setDone] = useState<string | null>(null);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const path = `/webhooks/endpoints/${encodeURIComponent(endpoint.id)}`;
  const key = [...WEBHOOKS_KEY, 'endpoint', endpoint.id];
  const saved = (e: WebhookEndpoint, message: string) => {
    client.setQueryData(key, e);
    void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    setDone(message);
  };
  const update = useMutation({
    mutationFn: (body: UpdateWebhookEndpointBody) => api<WebhookEndpoint>('PATCH', path, { body }),
    onSuccess: (e) => { setEditing(false); saved(e, intl.formatMessage({ id: 'webhooks.edit.saved' })); },
  });
  const action = useMutation({
    mutationFn: async (what: Action): Promise<{ what: Action; endpoint: WebhookEndpoint | WebhookEndpointWithSecret | null }> => {
      if (what === 'remove') {
        await api<null>('DELETE', path);
        return { what, endpoint: null };
      }
      return { what, endpoint: await api<WebhookEndpoint | WebhookEndpointWithSecret>('POST', `${path}/${what === 'rotate' ? 'rotate-secret' : what}`) };
    },
    onSuccess: ({ what, endpoint: e }) => {
      if (what === 'remove' || !e) {
        client.removeQueries({ queryKey: key });
        void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
        void navigate('/admin/webhooks', { state: { removed: endpoint.url } });
        return;
      }
      if (what === 'rotate') setSecret(e as WebhookEndpointWithSecret);
      const { secret: _s, ...shown } = e as WebhookEndpointWithSecret;
      saved(shown, intl.formatMessage({ id: `webhooks.done.${what}` }));
    },
  });
  const busy = action.isPending || update.isPending;
  const start = (what: Confirming) => { setDone(null); setSecret(null); action.reset(); setConfirming(what); };
  const confirmText: Record<Exclude<Confirming, null>, ReactNode> = {
    disable: <FormattedMessage id="webhooks.confirm.disableText" values={{ url: endpoint.url }} />,
    rotate: <FormattedMessage id="webhooks.confirm.rotateText" />,
    remove: <FormattedMessage id="webhooks.confirm.removeText" values={{ url: endpoint.url }} />,
  };
  return (
    <>
      {secret && <SecretOnce endpoint={secret} rotated onDismiss={() => setSecret(null)} />}
      <section className="card" aria-labelledby="wh-facts">
        <h2 id="wh-facts" className="webhooks-url"><FormattedMessage id="webhooks.endpoint.facts" /></h2>
        <dl className="facts">
          <div><dt><FormattedMessage id="webhooks.form.url" /></dt><dd className="webhooks-url">{endpoint.url}</dd></div>
          <div><dt><FormattedMessage id="webhooks.col.description" /></dt><dd>{endpoint.description || '—'}</dd></div>
          <div>
            <dt><FormattedMessage id="webhooks.col.status" /></dt>
            <dd>
              <EndpointStatus endpoint={endpoint} />
              {endpoint.status === 'disabled' && (
                <div><DisabledReason endpoint={endpoint} />{endpoint.disabledAt && <> · <DateTime value={endpoint.disabledAt} /></>}</div>
              )}
            </dd>
          </div>
          {endpoint.failingSince && (
            <div><dt><FormattedMessage id="webhooks.failingSince" /></dt><dd><DateTime value={endpoint.failingSince} /></dd></div>
          )}
          {endpoint.previousSecretExpiresAt && (
            <div><dt><FormattedMessage id="webhooks.previousSecret" /></dt><dd><FormattedMessage id="webhooks.previousSecretUntil" /> <DateTime value={endpoint.previousSecretExpiresAt} /></dd></div>
          )}
          <div><dt><FormattedMessage id="webhooks.col.created" /></dt><dd><DateTime value={endpoint.createdAt} /></dd></div>
          <div>
            <dt><FormattedMessage id="webhooks.col.eventTypes" /></dt>
            <dd>
              <ul className="webhooks-types">
                {endpoint.eventTypes.map((t) => <li key={t}>{label(t)} <code className="webhooks-event-type">{t}</code></li>)}
              </ul>
            </dd>
          </div>
        </dl>
        {!editing && (
          <div className="button-row">
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => { setDone(null); update.reset(); setEditing(true); }}><FormattedMessage id="webhooks.edit.open" /></button>
            {endpoint.status === 'enabled'
              ? <button type="button" className="button button-secondary" disabled={busy} onClick={() => start('disable')}><FormattedMessage id="webhooks.action.disable" /></button>
              : <button type="button" className="button button-secondary" disabled={busy} onClick={() => { setDone(null); action.mutate('enable'); }}><FormattedMessage id="webhooks.action.enable" /></button>}
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => start('rotate')}><FormattedMessage id="webhooks.action.rotate" /></button>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => start('remove')}><FormattedMessage id="webhooks.action.remove" /></button>
          </div>
        )}
        {editing && (
          <section aria-labelledby="wh-edit">
            <h3 id="wh-edit"><FormattedMessage id="webhooks.edit.title" /></h3>
            <EndpointForm
              idPrefix="wh-edit"
              initial={{ url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }}
              submitLabel={intl.formatMessage({ id: 'webhooks.edit.submit' })}
              busyLabel={intl.formatMessage({ id: 'webhooks.saving' })}
              busy={update.isPending}
              error={update.error}
              onSubmit={(d) => {
                const body: UpdateWebhookEndpointBody = {};
                if (d.url !== endpoint.url) body.url = d.url;
                if (d.description !== endpoint.description) body.description = d.description;
                const same = d.eventTypes.length === endpoint.eventTypes.length && d.eventTypes.every((t) => (endpoint.eventTypes as string[]).includes(t));
                if (!same) body.eventTypes = d.eventTypes as UpdateWebhookEndpointBody['eventTypes'];
                if (Object.keys(body).length === 0) { setEditing(false); setDone(intl.formatMessage({ id: 'webhooks.edit.unchanged' })); return; }
                update.mutate(body);
              }}
              onCancel={() => setEditing(false)}
            />
          </section>
        )}
        {action.isPending && <p role="status" className="muted"><FormattedMessage id="webhooks.saving" /></p>}
        {done && !busy && <p className="notice notice-success" role="status">{done}</p>}
        <WebhookError error={action.error} />
      </section>
      <ConfirmDialog
        isOpen={confirming !== null}
        onOpenChange={(open) => { if (!open) setConfirming(null); }}
        title={intl.formatMessage({ id: `webhooks.confirm.${confirming ?? 'disable'}Title` })}
        confirmLabel={intl.formatMessage({ id: `webhooks.confirm.${confirming ?? 'disable'}` })}
        tone="warning"
        onConfirm={() => { if (confirming) action.mutate(confirming); }}
      >
        <p>{confirming && confirmText[confirming]}</p>
      </ConfirmDialog>
    </>
  );
}

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const intl = useIntl();
  const client = useQueryClient();
  const label = useEventLabel();
  const list = useUrlList(['status']);
  const { status } = list.filters;
  const deliveries = useQuery({
    queryKey: [...WEBHOOKS_KEY, 'deliveries', endpoint.id, status, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<WebhookDelivery>>('GET', `/webhooks/endpoints/${encodeURIComponent(endpoint.id)}/deliveries`, {
      query: { status: status || undefined, cursor: list.cursor, limit: 25 }, signal,
    }),
    placeholderData: keepPreviousData,
    // While a delivery waits for its next attempt the log follows it; an empty log waits for the first.
    refetchInterval: (q) => {
      const shown = q.state.data?.items;
      if (shown?.some((d) => d.status === 'pending')) return PENDING_REFRESH_MS;
      return shown?.length === 0 && !status && list.isFirst ? EMPTY_REFRESH_MS : false;
    },
  });
  const [open, setOpen] = useState<WebhookDelivery | null>(null);
  const [replayed, setReplayed] = useState<{ of: string; as: WebhookDelivery } | null>(null);
  const replay = useMutation({
    mutationFn: (d: WebhookDelivery) => api<WebhookDelivery>('POST', `/webhooks/deliveries/${encodeURIComponent(d.id)}/replay`),
    onSuccess: (r, d) => {
      setReplayed({ of: d.id, as: r });
      void client.invalidateQueries({ queryKey: [...WEBHOOKS_KEY, 'deliveries', endpoint.id] });
    },
  });
  const items = deliveries.data?.items ?? [];
  const col = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="wh-deliveries">
      <h2 id="wh-deliveries"><FormattedMessage id="webhooks.deliveries.title" /></h2>
      <p className="muted"><FormattedMessage id="webhooks.deliveries.intro" /></p>
      <div className="filters">
        <div className="field">
          <label htmlFor="wh-status"><FormattedMessage id="webhooks.deliveries.statusFilter" /></label>
          <select id="wh-status" value={status} onChange={(e) => list.apply({ status: e.target.value })}>
            <option value="">{col('webhooks.deliveries.any')}</option>
            {DELIVERY_STATUSES.map((s) => <option key={s} value={s}>{col(`webhooks.delivery.status.${s}`)}</option>)}
          </select>
        </div>
        <div className="button-row">
          <button type="button" className="button button-secondary" disabled={deliveries.isFetching} onClick={() => void deliveries.refetch()}><FormattedMessage id="webhooks.deliveries.refresh" /></button>
        </div>
      </div>
      {endpoint.status === 'disabled' && <p className="notice notice-info"><FormattedMessage id="webhooks.deliveries.disabledNote" /></p>}
      {deliveries.isPending && <Loading />}
      <ErrorNotice error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      {replay.isPending && <p role="status" className="muted"><FormattedMessage id="webhooks.replay.sending" /></p>}
      {replayed && !replay.isPending && (
        <p className="notice notice-success" role="status"><FormattedMessage id="webhooks.replay.queued" values={{ type: label(replayed.as.eventType) }} /></p>
      )}
      <WebhookError error={replay.error} />
      {deliveries.isSuccess && items.length === 0 && (
        <EmptyState title={col(list.filtered ? 'webhooks.deliveries.emptyFiltered' : 'webhooks.deliveries.empty')}>
          {!list.filtered && <p><FormattedMessage id="webhooks.deliveries.emptyHint" /></p>}
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive webhooks-log">
            <caption className="visually-hidden"><FormattedMessage id="webhooks.deliveries.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="webhooks.col.event" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.status" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.attempts" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.nextAttempt" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.lastResponse" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.created" /></th>
                <th scope="col"><FormattedMessage id="webhooks.col.actions" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {label(d.eventType)}
                    <div className="muted"><code className="webhooks-event-type">{d.eventType}</code></div>
                    {d.replayOf && <div className="muted"><FormattedMessage id="webhooks.delivery.replay" /></div>}
                  </th>
                  <td data-label={col('webhooks.col.status')}><DeliveryStatus status={d.status} /></td>
                  <td data-label={col('webhooks.col.attempts')}><FormattedNumber value={d.attemptCount} /></td>
                  <td data-label={col('webhooks.col.nextAttempt')}>{d.nextAttemptAt ? <DateTime value={d.nextAttemptAt} /> : '—'}</td>
                  <td data-label={col('webhooks.col.lastResponse')}><LastResponse code={d.lastStatusCode} error={d.lastError} attempted={d.lastAttemptAt !== null} /></td>
                  <td data-label={col('webhooks.col.created')}><DateTime value={d.createdAt} /></td>
                  <td data-label={col('webhooks.col.actions')}>
                    <div className="button-row">
                      <button type="button" className="button button-secondary" onClick={() => setOpen(d)}>
                        <FormattedMessage id="webhooks.attempts.open" values={{ type: label(d.eventType) }} />
                      </button>
                      <button type="button" className="button button-secondary" disabled={replay.isPending} onClick={() => { setReplayed(null); replay.mutate(d); }}>
                        <FormattedMessage id="webhooks.replay.action" />
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(deliveries.data?.nextCursor)} isFirst={list.isFirst} busy={deliveries.isFetching} onNext={() => list.next(deliveries.data?.nextCursor)} onFirst={list.first} />
      {open && <AttemptsDialog delivery={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function LastResponse({ code, error, attempted }: { code: number | null; error: string | null; attempted: boolean }) {
  if (!attempted) return <span className="muted"><FormattedMessage id="webhooks.delivery.notYet" /></span>;
  return (
    <>
      {code !== null ? <FormattedMessage id="webhooks.delivery.httpStatus" values={{ code }} /> : <FormattedMessage id="webhooks.delivery.noAnswer" />}
      {error && <div className="muted webhooks-error" lang="en">{error}</div>}
    </>
  );
}

/** A delivery's attempts (time, answer or error, duration) and the body it sends. */
function AttemptsDialog({ delivery, onClose }: { delivery: WebhookDelivery; onClose: () => void }) {
  const intl = useIntl();
  const label = useEventLabel();
  const detail = useQuery({
    queryKey: [...WEBHOOKS_KEY, 'delivery', delivery.id],
    queryFn: ({ signal }) => api<WebhookDeliveryDetail>('GET', `/webhooks/deliveries/${encodeURIComponent(delivery.id)}`, { signal }),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? PENDING_REFRESH_MS : false),
  });
  const d = detail.data;
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(o) => { if (!o) onClose(); }} isDismissable>
      <Modal className="modal webhooks-modal">
        <Dialog className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog-title"><FormattedMessage id="webhooks.attempts.title" values={{ type: label(delivery.eventType) }} /></Heading>
              <div className="dialog-body">
                {detail.isPending && <Loading />}
                {detail.error && <WebhookError error={detail.error} onRetry={() => void detail.refetch()} />}
                {d && (
                  <>
                    <p><DeliveryStatus status={d.status} />{' '}
                      {d.nextAttemptAt && <><FormattedMessage id="webhooks.col.nextAttempt" />: <DateTime value={d.nextAttemptAt} /></>}
                    </p>
                    <p className="muted"><FormattedMessage id="webhooks.attempts.webhookId" />: <code>{d.eventId}</code></p>
                    {d.attempts.length === 0 ? <p><FormattedMessage id="webhooks.attempts.none" /></p> : (
                      <div className="table-wrap">
                        <table>
                          <caption className="visually-hidden"><FormattedMessage id="webhooks.attempts.caption" /></caption>
                          <thead>
                            <tr>
                              <th scope="col"><FormattedMessage id="webhooks.attempts.number" /></th>
                              <th scope="col"><FormattedMessage id="webhooks.attempts.time" /></th>
                              <th scope="col"><FormattedMessage id="webhooks.attempts.response" /></th>
                              <th scope="col"><FormattedMessage id="webhooks.attempts.duration" /></th>
                            </tr>
                          </thead>
                          <tbody>
                            {d.attempts.map((a) => (
                              <tr key={a.attempt}>
                                <th scope="row"><FormattedNumber value={a.attempt} /></th>
                                <td><DateTime value={a.startedAt} /></td>
                                <td>
                                  {a.statusCode !== null ? <FormattedMessage id="webhooks.delivery.httpStatus" values={{ code: a.statusCode }} /> : <FormattedMessage id="webhooks.delivery.noAnswer" />}
                                  {a.error && <div className="muted webhooks-error" lang="en">{a.error}</div>}
                                  {a.responseExcerpt && <pre className="webhooks-pre">{a.responseExcerpt}</pre>}
                                </td>
                                <td>{intl.formatNumber(a.durationMs / 1000, { style: 'unit', unit: 'second', maximumFractionDigits: 2 })}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    )}
                    {d.payload && (
                      <details>
                        <summary><FormattedMessage id="webhooks.attempts.payload" /></summary>
                        <pre className="webhooks-pre">{JSON.stringify(d.payload, null, 2)}</pre>
                      </details>
                    )}
                  </>
                )}
              </div>
              <div className="dialog-actions">
                <button type="button" className="button button-secondary" onClick={close}><FormattedMessage id="webhooks.attempts.close" /></button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
