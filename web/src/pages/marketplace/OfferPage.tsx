// Being built (issue 11): replaced by its page.
export default function OfferPage() {
  return <h1 className="page-title">OfferPage</h1>;
}
