// Being built (issue 11): replaced by its page.
export default function SettingsPage() {
  return <h1 className="page-title">SettingsPage</h1>;
}
