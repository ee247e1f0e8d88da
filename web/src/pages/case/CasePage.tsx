// Being built (issue 11): replaced by its page.
export default function CasePage() {
  return <h1 className="page-title">CasePage</h1>;
}
