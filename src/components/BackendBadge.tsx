import { useAppStore } from '../store';

/**
 * Names the TF.js backend in use (data-testid="backend" holds just its name), and says plainly
 * when the lab fell back from WebGL and why.
 */
export function BackendBadge() {
  const status = useAppStore((s) => s.backendStatus);
  const report = useAppStore((s) => s.backendReport);
  const error = useAppStore((s) => s.backendError);

  if (status === 'failed') {
    return (
      <div className="notice notice-error" role="alert">
        The lab cannot compute in this browser: {error}
      </div>
    );
  }
  return (
    <div className="backend">
      <span className="backend-label">
        Backend:{' '}
        <strong data-testid="backend">{status === 'starting' ? 'starting…' : report?.backend}</strong>
      </span>
      {report && report.failures.length > 0 && (
        <p className="notice notice-warn" role="status" data-testid="backend-notice">
          {report.preferred === 'webgl' ? 'WebGL could not be used' : `${report.preferred} could not be used`}{' '}
          ({report.failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}), so the lab runs on{' '}
          <strong>{report.backend}</strong> instead. Everything works, only more slowly.
        </p>
      )}
    </div>
  );
}
