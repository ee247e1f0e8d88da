/**
 * The console's pages and their addresses. Each page is its own chunk, loaded when first visited,
 * so the first page stays small. Signed-out visitors of any page are sent to sign in and back.
 */
import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ErrorNotice, Loading } from '../components/ui.tsx';
import { Layout } from './Layout.tsx';
import { useMe, useUserLocale } from './session.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';

const HomePage = lazy(() => import('../pages/home/HomePage.tsx'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage.tsx'));
const CasePage = lazy(() => import('../pages/case/CasePage.tsx'));
const NewCasePage = lazy(() => import('../pages/new-case/NewCasePage.tsx'));
const MarketplacePage = lazy(() => import('../pages/marketplace/MarketplacePage.tsx'));
const OfferPage = lazy(() => import('../pages/marketplace/OfferPage.tsx'));
const CustomersPage = lazy(() => import('../pages/customers/CustomersPage.tsx'));
const CustomerPage = lazy(() => import('../pages/customers/CustomerPage.tsx'));
const SubscriptionPage = lazy(() => import('../pages/customers/SubscriptionPage.tsx'));
const IncidentPage = lazy(() => import('../pages/incidents/IncidentPage.tsx'));
const IncidentsPage = lazy(() => import('../pages/incidents/IncidentsPage.tsx'));
const NewIncidentPage = lazy(() => import('../pages/incidents/NewIncidentPage.tsx'));
const StatusPage = lazy(() => import('../pages/status/StatusPage.tsx'));
const NotificationsPage = lazy(() => import('../pages/notifications/NotificationsPage.tsx'));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage.tsx'));
const AdminLayout = lazy(() => import('../pages/admin/AdminLayout.tsx'));
const AdminUsersPage = lazy(() => import('../pages/admin/users/UsersPage.tsx'));
const AdminTokensPage = lazy(() => import('../pages/admin/tokens/TokensPage.tsx'));
const AdminRoutingPage = lazy(() => import('../pages/admin/routing/RoutingPage.tsx'));
const AdminRelationshipsPage = lazy(() => import('../pages/admin/relationships/RelationshipsPage.tsx'));
const AdminCustomerRelationshipsPage = lazy(() => import('../pages/admin/customer-relationships/CustomerRelationshipsPage.tsx'));
const AdminNoticesPage = lazy(() => import('../pages/admin/notices/NoticesPage.tsx'));
const AdminSlaPoliciesPage = lazy(() => import('../pages/admin/sla-policies/SlaPoliciesPage.tsx'));
const AdminAuditPage = lazy(() => import('../pages/admin/audit/AuditPage.tsx'));
const AdminWebhooksPage = lazy(() => import('../pages/admin/webhooks/WebhooksPage.tsx'));
const AdminWebhookEndpointPage = lazy(() => import('../pages/admin/webhooks/EndpointPage.tsx'));
const PublishingPage = lazy(() => import('../pages/publishing/PublishingPage.tsx'));
const PublisherOfferPage = lazy(() => import('../pages/publishing/PublisherOfferPage.tsx'));
const NewOfferPage = lazy(() => import('../pages/publishing/NewOfferPage.tsx'));
const ReportsPage = lazy(() => import('../pages/reports/ReportsPage.tsx'));
const OperatorPage = lazy(() => import('../pages/operator/OperatorPage.tsx'));
const OperatorOrganizationPage = lazy(() => import('../pages/operator/OrganizationPage.tsx'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx'));

function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  useUserLocale();
  if (me.isPending) return <Loading />;
  if (me.isError) return <main className="main"><ErrorNotice error={me.error} onRetry={() => void me.refetch()} /></main>;
  if (!me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<RequireSignIn><Layout /></RequireSignIn>}>
        <Route index element={<HomePage />} />
        <Route path="cases" element={<InboxPage />} />
        <Route path="cases/new" element={<NewCasePage />} />
        <Route path="cases/:caseId" element={<CasePage />} />
        <Route path="marketplace" element={<MarketplacePage />} />
        <Route path="marketplace/:offerId" element={<OfferPage />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/:customerId" element={<CustomerPage />} />
        <Route path="subscriptions/:subscriptionId" element={<SubscriptionPage />} />
        <Route path="incidents" element={<IncidentsPage />} />
        <Route path="incidents/new" element={<NewIncidentPage />} />
        <Route path="incidents/:incidentId" element={<IncidentPage />} />
        <Route path="status/:offerId" element={<StatusPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="publishing" element={<PublishingPage />} />
        <Route path="publishing/:section" element={<PublishingPage />} />
        <Route path="publishing/offers/new" element={<NewOfferPage />} />
        <Route path="publishing/offers/:offerId" element={<PublisherOfferPage />} />
        <Route path="admin" element={<AdminLayout />}>
          {/* Administration sections: one route each, below. */}
          <Route path="users" element={<AdminUsersPage />} />
          <Route path="tokens" element={<AdminTokensPage />} />
          <Route path="routing" element={<AdminRoutingPage />} />
          <Route path="relationships" element={<AdminRelationshipsPage />} />
          <Route path="customer-relationships" element={<AdminCustomerRelationshipsPage />} />
          <Route path="notices" element={<AdminNoticesPage />} />
          <Route path="sla-policies" element={<AdminSlaPoliciesPage />} />
          <Route path="audit" element={<AdminAuditPage />} />
          <Route path="webhooks" element={<AdminWebhooksPage />} />
          <Route path="webhooks/:endpointId" element={<AdminWebhookEndpointPage />} />
        </Route>
        <Route path="reports" element={<ReportsPage />} />
        <Route path="operator" element={<OperatorPage />} />
        <Route path="operator/organizations/:orgId" element={<OperatorOrganizationPage />} />
        <Route path="operator/reports" element={<ReportsPage marketplace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
