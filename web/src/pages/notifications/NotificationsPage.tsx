/**
 * Notifications (`/notifications`): the viewer's notifications, newest first, in pages; unread
 * ones marked; mark one or all read (the header's unread count follows); each links to its page.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Notification, Page } from '../../api/types.ts';
import { UNREAD_KEY } from '../../app/Layout.tsx';
import { Badge, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { NOTIFICATIONS_KEY, notificationPath } from './notificationsData.ts';

export default function NotificationsPage() {
  const intl = useIntl();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [announce, setAnnounce] = useState('');

  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, unreadOnly, cursor ?? null],
    queryFn: ({ signal }) => api<Page<Notification>>('GET', '/notifications', { query: { unread: unreadOnly ? true : undefined, cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => Promise.all([
    client.invalidateQueries({ queryKey: UNREAD_KEY }),
    client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  ]);
  const readOne = useMutation({
    mutationFn: (id: string) => api<unknown>('POST', `/notifications/${id}/read`),
    onSuccess: async () => { setAnnounce(intl.formatMessage({ id: 'notifications.markedOne' })); await refresh(); },
  });
  const readAll = useMutation({
    mutationFn: () => api<{ updated: number }>('POST', '/notifications/read-all', { body: { before: list.data?.items[0]?.createdAt } }),
    onSuccess: async (r) => { setAnnounce(intl.formatMessage({ id: 'notifications.markedAll' }, { count: r.updated })); await refresh(); },
  });
  const items = list.data?.items ?? [];
  const title = intl.formatMessage({ id: 'notifications.title' });
  const anyUnread = items.some((n) => !n.readAt);

  return (
    <div className="notifications-page">
      <PageTitle title={title}>{title}</PageTitle>
      <div className="button-row">
        <label className="check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => { setCursors([]); setParams(e.target.checked ? { unread: 'true' } : {}, { replace: true }); }} />
          <FormattedMessage id="notifications.unreadOnly" />
        </label>
        <button type="button" className="button button-secondary" disabled={!anyUnread || readAll.isPending} onClick={() => readAll.mutate()}>
          <FormattedMessage id={readAll.isPending ? 'notifications.marking' : 'notifications.markAll'} />
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">{announce}</p>
      <ErrorNotice error={readOne.error ?? readAll.error} />
      {list.isPending && <Loading />}
      <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      {list.data && items.length === 0 && (
        <EmptyState title={intl.formatMessage({ id: unreadOnly ? 'notifications.emptyUnread' : 'notifications.empty' })}>
          <FormattedMessage id="notifications.emptyHint" />
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="list notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'}>
              <div className="notification-head">
                {!n.readAt && <Badge tone="info"><FormattedMessage id="notifications.unread" /></Badge>}
                <Link to={notificationPath(n)} onClick={() => { if (!n.readAt) readOne.mutate(n.id); }}>{n.title}</Link>
              </div>
              <p className="notification-body">{n.body}</p>
              <div className="notification-foot">
                <span className="muted"><DateTime value={n.createdAt} /></span>
                {!n.readAt && (
                  <button type="button" className="button button-ghost" disabled={readOne.isPending && readOne.variables === n.id}
                    aria-label={intl.formatMessage({ id: 'notifications.markOneNamed' }, { title: n.title })} onClick={() => readOne.mutate(n.id)}>
                    <FormattedMessage id="notifications.markOne" />
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager hasNext={Boolean(list.data?.nextCursor)} isFirst={cursors.length === 0} busy={list.isFetching}
        onNext={() => { const n = list.data?.nextCursor; if (n) setCursors((c) => [...c, n]); }} onFirst={() => setCursors([])} />
    </div>
  );
}
