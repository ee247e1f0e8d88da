// Being built (issue 11): replaced by its page.
export default function CustomerPage() {
  return <h1 className="page-title">CustomerPage</h1>;
}
