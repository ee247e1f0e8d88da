// Being built (issue 11): replaced by its page.
export default function CustomersPage() {
  return <h1 className="page-title">CustomersPage</h1>;
}
