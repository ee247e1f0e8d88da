/**
 * Home (`/`): what needs the viewer now — the cases the organization holds by nearest deadline,
 * breaches and deadlines falling due soon, unread notifications, open incidents. Each block is
 * read only when the viewer may (permissions), links to its full list and says what to do when empty.
 */
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { IncidentSummary, Notification, Page } from '../../api/types.ts';
import { useViewer } from '../../app/session.tsx';
import { SeverityBadge, StatusBadge } from '../../components/labels.tsx';
import { DateTime, EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { DUE_SOON_MS, fetchInbox, INBOX_KEY } from '../inbox/inboxData.ts';
import { SlaState } from '../inbox/SlaState.tsx';
import { NOTIFICATIONS_KEY, notificationPath } from '../notifications/notificationsData.ts';

function Block({ id, title, more, children }: { id: string; title: string; more?: { to: string; label: string }; children: ReactNode }) {
  return (
    <section className="card home-block" aria-labelledby={id}>
      <div className="home-block-head">
        <h2 id={id}>{title}</h2>
        {more && <Link to={more.to}>{more.label}</Link>}
      </div>
      {children}
    </section>
  );
}

function CaseBlock({ id, title, more, query, empty, emptyHint }: { id: string; title: string; more: string; query: Parameters<typeof fetchInbox>[0]; empty: string; emptyHint: string }) {
  const intl = useIntl();
  const cases = useQuery({ queryKey: [...INBOX_KEY, 'home', id, query], queryFn: ({ signal }) => fetchInbox(query, signal) });
  return (
    <Block id={id} title={title} more={{ to: more, label: intl.formatMessage({ id: 'home.seeAll' }) }}>
      {cases.isPending && <Loading />}
      <ErrorNotice error={cases.error} onRetry={() => void cases.refetch()} />
      {cases.data && cases.data.items.length === 0 && <EmptyState title={empty}>{emptyHint}</EmptyState>}
      {cases.data && cases.data.items.length > 0 && (
        <ul className="list home-list">
          {cases.data.items.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.title}</Link>
              <span className="home-meta">
                <StatusBadge status={c.status} /> <SeverityBadge severity={c.severity} /> <SlaState item={c} />
                {c.customer?.name && <span className="muted"> · {c.customer.name}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

export default function HomePage() {
  const intl = useIntl();
  const me = useViewer();
  const canCases = me.permissions.includes('cases.read');
  const canIncidents = me.permissions.includes('incidents.read');
  // One instant per visit, so the "due soon" query keeps its key.
  const dueSoonBefore = useQuery({ queryKey: ['home', 'now'], queryFn: () => new Date(Date.now() + DUE_SOON_MS).toISOString(), staleTime: 5 * 60_000 }).data;
  const unread = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'home-unread'],
    queryFn: ({ signal }) => api<Page<Notification>>('GET', '/notifications', { query: { unread: true, limit: 5 }, signal }),
  });
  const incidents = useQuery({
    queryKey: ['incidents', 'open', 'home'],
    queryFn: ({ signal }) => api<Page<IncidentSummary>>('GET', '/incidents', { query: { status: 'open', limit: 5 }, signal }),
    enabled: canIncidents,
  });
  const title = intl.formatMessage({ id: 'home.title' });

  return (
    <div className="home-page">
      <PageTitle title={title}><FormattedMessage id="home.greeting" values={{ name: me.user.name }} /></PageTitle>
      <p className="muted"><FormattedMessage id="home.intro" values={{ organization: me.organization.name }} /></p>
      <div className="grid-2">
        {canCases && (
          <CaseBlock id="home-held" title={intl.formatMessage({ id: 'home.held.title' })} more="/cases?view=held&sort=due"
            query={{ holder: 'me', sort: 'due', status: ['new', 'open', 'pending_party'], limit: 5 }}
            empty={intl.formatMessage({ id: 'home.held.empty' })} emptyHint={intl.formatMessage({ id: 'home.held.emptyHint' })} />
        )}
        {canCases && (
          <CaseBlock id="home-breached" title={intl.formatMessage({ id: 'home.breached.title' })} more="/cases?sort=due"
            query={{ breached: true, sort: 'due', status: ['new', 'open', 'pending_customer', 'pending_party'], limit: 5 }}
            empty={intl.formatMessage({ id: 'home.breached.empty' })} emptyHint={intl.formatMessage({ id: 'home.breached.emptyHint' })} />
        )}
        {canCases && dueSoonBefore && (
          <CaseBlock id="home-due-soon" title={intl.formatMessage({ id: 'home.dueSoon.title' })} more="/cases?sort=due"
            query={{ breached: false, sort: 'due', due_before: dueSoonBefore, limit: 5 }}
            empty={intl.formatMessage({ id: 'home.dueSoon.empty' })} emptyHint={intl.formatMessage({ id: 'home.dueSoon.emptyHint' })} />
        )}
        <Block id="home-notifications" title={intl.formatMessage({ id: 'home.notifications.title' })} more={{ to: '/notifications', label: intl.formatMessage({ id: 'home.seeAll' }) }}>
          {unread.isPending && <Loading />}
          <ErrorNotice error={unread.error} onRetry={() => void unread.refetch()} />
          {unread.data && unread.data.items.length === 0 && (
            <EmptyState title={intl.formatMessage({ id: 'home.notifications.empty' })}><FormattedMessage id="home.notifications.emptyHint" /></EmptyState>
          )}
          {unread.data && unread.data.items.length > 0 && (
            <ul className="list home-list">
              {unread.data.items.map((n) => (
                <li key={n.id}><Link to={notificationPath(n)}>{n.title}</Link> <span className="muted"><DateTime value={n.createdAt} /></span></li>
              ))}
            </ul>
          )}
        </Block>
        {canIncidents && (
          <Block id="home-incidents" title={intl.formatMessage({ id: 'home.incidents.title' })}>
            {incidents.isPending && <Loading />}
            <ErrorNotice error={incidents.error} onRetry={() => void incidents.refetch()} />
            {incidents.data && incidents.data.items.length === 0 && (
              <EmptyState title={intl.formatMessage({ id: 'home.incidents.empty' })}><FormattedMessage id="home.incidents.emptyHint" /></EmptyState>
            )}
            {incidents.data && incidents.data.items.length > 0 && (
              <ul className="list home-list">
                {incidents.data.items.map((i) => (
                  <li key={i.id}>
                    <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                    <span className="home-meta muted"><FormattedMessage id={`incidents.impact.${i.impact}`} /> · <FormattedMessage id={`incidents.status.${i.status}`} /> · {i.offers.map((o) => o.name).join(', ')}</span>
                  </li>
                ))}
              </ul>
            )}
          </Block>
        )}
        {!canCases && (
          <Block id="home-nocases" title={intl.formatMessage({ id: 'home.noCases.title' })}>
            <p><FormattedMessage id="home.noCases.body" /></p>
            <p><Link to="/settings"><FormattedMessage id="home.noCases.settings" /></Link></p>
          </Block>
        )}
      </div>
    </div>
  );
}
