// Being built (issue 11): replaced by its page.
export default function NotificationsPage() {
  return <h1 className="page-title">NotificationsPage</h1>;
}
