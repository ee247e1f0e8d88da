// Being built (issue 11): replaced by its page.
export default function NewCasePage() {
  return <h1 className="page-title">NewCasePage</h1>;
}
