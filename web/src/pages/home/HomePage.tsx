// Being built (issue 11): replaced by its page.
export default function HomePage() {
  return <h1 className="page-title">HomePage</h1>;
}
