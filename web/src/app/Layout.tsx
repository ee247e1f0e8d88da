/**
 * The frame of every signed-in page: a skip link, the header with the sections the viewer may
 * use, the unread notifications count, the language switch and the user's menu; the page below.
 */
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { UnreadCount } from '../api/types.ts';
import { Loading } from '../components/ui.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useCan, useCanAdminister, useSignOut, useViewer } from './session.tsx';

export const UNREAD_KEY = ['notifications', 'unread-count'] as const;

export function Layout() {
  const intl = useIntl();
  const me = useViewer();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const canCases = useCan('cases.read');
  const canBrowse = useCan('catalog.browse');
  const canCustomers = useCan('customers.read');
  const canPublish = useCan('catalog.manage_offers');
  const canIncidents = useCan('incidents.read');
  const canReports = useCan('sla.reports');
  const canOperate = useCan('operator.manage');
  const canAdminister = useCanAdminister();
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => api<UnreadCount>('GET', '/notifications/unread-count'),
    refetchInterval: 60_000,
  });
  const count = unread.data?.count ?? 0;

  return (
    <div className="shell">
      <a className="skip-link" href="#main"><FormattedMessage id="layout.skipToContent" /></a>
      <header className="header">
        <NavLink to="/" className="brand">Switchboard</NavLink>
        <nav className="nav" aria-label={intl.formatMessage({ id: 'layout.mainNavigation' })}>
          <NavLink to="/" end><FormattedMessage id="layout.home" /></NavLink>
          {canCases && <NavLink to="/cases" end><FormattedMessage id="layout.cases" /></NavLink>}
          {canCases && <NavLink to="/cases/new"><FormattedMessage id="layout.newCase" /></NavLink>}
          {canBrowse && <NavLink to="/marketplace"><FormattedMessage id="layout.marketplace" /></NavLink>}
          {canCustomers && <NavLink to="/customers"><FormattedMessage id="layout.customers" /></NavLink>}
          {canPublish && <NavLink to="/publishing"><FormattedMessage id="layout.publishing" /></NavLink>}
          {canIncidents && <NavLink to="/incidents" end><FormattedMessage id="layout.serviceHealth" /></NavLink>}
          {canReports && <NavLink to="/reports"><FormattedMessage id="layout.reports" /></NavLink>}
          {canOperate && <NavLink to="/operator"><FormattedMessage id="layout.operator" /></NavLink>}
          {canAdminister && <NavLink to="/admin"><FormattedMessage id="layout.administration" /></NavLink>}
          <NavLink to="/notifications" aria-label={intl.formatMessage({ id: 'layout.notificationsWithCount' }, { count })}>
            <FormattedMessage id="layout.notifications" />
            {count > 0 && <span className="count" aria-hidden="true">{count > 99 ? '99+' : count}</span>}
          </NavLink>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          <MenuTrigger>
            <Button className="button button-ghost user-button" aria-label={intl.formatMessage({ id: 'layout.userMenu' }, { name: me.user.name })}>
              <span className="user-name">{me.user.name}</span>
              <span className="user-org">{me.organization.name}</span>
            </Button>
            <Popover className="popover">
              <Menu className="menu" onAction={(key) => {
                if (key === 'settings') navigate('/settings');
                if (key === 'sign-out') signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') });
              }}>
                <MenuItem id="settings" className="menu-item"><FormattedMessage id="layout.settings" /></MenuItem>
                <MenuItem id="sign-out" className="menu-item"><FormattedMessage id="layout.signOut" /></MenuItem>
              </Menu>
            </Popover>
          </MenuTrigger>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
