// Being built (issue 11): replaced by its page.
export default function IncidentPage() {
  return <h1 className="page-title">IncidentPage</h1>;
}
