// Being built (issue 11): replaced by its page.
export default function MarketplacePage() {
  return <h1 className="page-title">MarketplacePage</h1>;
}
