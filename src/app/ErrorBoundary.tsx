import { Component, type ErrorInfo, type ReactNode } from 'react';
import { shortenNotice } from '../components/text';
import { flushUrl } from './urlSync';

interface Props {
  /** What is inside, for the message: "the Smoothing lab view", "the vote histograms widget". */
  what: string;
  children: ReactNode;
  /** Called when an error is caught (embed mode: the error notice is then the widget's layout). */
  onError?: () => void;
}

interface State {
  error: Error | null;
}

/**
 * Catches an error thrown while rendering one view (or one embedded widget), so the rest of the page
 * stays usable: it says what failed and why, and offers to try again or to reload the page. The
 * parameters live in the URL (written out before the reload) and the progress in localStorage, so a
 * reload loses neither. Mount it with `key` set to the view, so another view starts afresh.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the console for a bug report; the page shows the short version.
    console.error(`${this.props.what} failed:`, error, info.componentStack);
    this.props.onError?.();
  }

  private readonly reload = () => {
    flushUrl();
    window.location.reload();
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="notice notice-error" role="alert" data-testid="view-error">
        <p>
          <strong>{this.props.what.charAt(0).toUpperCase() + this.props.what.slice(1)} failed.</strong> What
          went wrong: {shortenNotice(`${error.name}: ${error.message}`)}
        </p>
        <p>
          Your parameters are kept in the link and your progress in this browser, so reloading loses neither.
          The other sections still work.
        </p>
        <div className="row">
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" onClick={this.reload}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}
