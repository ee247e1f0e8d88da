// Being built (issue 11): replaced by its page.
export default function InboxPage() {
  return <h1 className="page-title">InboxPage</h1>;
}
