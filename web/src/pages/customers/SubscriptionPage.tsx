// Being built (issue 11): replaced by its page.
export default function SubscriptionPage() {
  return <h1 className="page-title">SubscriptionPage</h1>;
}
