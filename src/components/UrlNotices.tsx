/**
 * The sentences explaining which values of the link were out of range or unreadable and what the app
 * used instead (from the URL schema tables), with a button to dismiss them.
 */
export function UrlNotices({ notices, onDismiss }: { notices: readonly string[]; onDismiss: () => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice notice-warn" role="alert" data-testid="url-notice">
      <p>Some values in the link were out of range or unreadable and were corrected:</p>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
