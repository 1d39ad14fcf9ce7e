import { shortenNotice } from './text';

/**
 * The sentences explaining which values of the link were out of range or unreadable and what the app
 * used instead (from the URL schema tables), with a button to dismiss them. A long value in a
 * sentence is shortened with an ellipsis, so a huge link cannot widen the page.
 */
export function UrlNotices({ notices, onDismiss }: { notices: readonly string[]; onDismiss: () => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice notice-warn" role="alert" data-testid="url-notice">
      <p>Some values in the link were out of range or unreadable and were corrected:</p>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{shortenNotice(n)}</li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
