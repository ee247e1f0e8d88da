/**
 * Administration of one's own organization (`/admin/*`): a sub-navigation of the sections the
 * viewer's roles hold (the API checks each action again), the section below. `/admin` itself
 * goes to the first section the viewer may open.
 */
import { FormattedMessage, useIntl } from 'react-intl';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useAdminSections } from '../../app/session.tsx';
import { EmptyState } from '../../components/ui.tsx';

export default function AdminLayout() {
  const intl = useIntl();
  const sections = useAdminSections();
  const location = useLocation();
  if (sections.length === 0) {
    return <EmptyState title={intl.formatMessage({ id: 'admin.none' })}><p><FormattedMessage id="admin.noneHint" /></p></EmptyState>;
  }
  if (location.pathname.replace(/\/+$/, '') === '/admin') return <Navigate to={`/admin/${sections[0]!.path}`} replace />;
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={intl.formatMessage({ id: 'admin.navigation' })}>
        <ul>
          {sections.map((s) => (
            <li key={s.path}><NavLink to={`/admin/${s.path}`}><FormattedMessage id={`admin.section.${s.path}`} /></NavLink></li>
          ))}
        </ul>
      </nav>
      <div className="admin-body">
        <Outlet />
      </div>
    </div>
  );
}
