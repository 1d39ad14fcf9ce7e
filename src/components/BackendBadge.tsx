import type { BackendName, BackendReport } from '../engine/protocol';
import { useAppStore } from '../store';

const NAMES: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'wasm', cpu: 'plain JavaScript (cpu)' };

/** "23x" for ratios from 10, "2.3x" below; never "1.0x" for a real difference. */
function times(r: number): string {
  return r >= 10 ? `${Math.round(r)}x` : `${r.toFixed(1)}x`;
}

/** Why this backend runs, in one sentence built from the report's own numbers. */
export function backendReason(report: BackendReport): string {
  const own = report.timings?.[report.backend];
  const rivals = (Object.entries(report.timings ?? {}) as [BackendName, number][]).filter(
    ([b]) => b !== report.backend,
  );
  const family = report.family ? ` on one small ${report.family.toUpperCase()} batch` : '';
  switch (report.how) {
    case 'forced':
      return `${report.backend}: asked for by the link (backend=${report.backend}) or the button below.`;
    case 'provisional':
      return `${report.backend}: started first, so the first certificate comes at once; the lab is about to time WebGL and wasm on this device and will move to the faster.`;
    case 'fallback':
      return `${report.backend}: the next backend, as the one asked for or in use could not run (see below).`;
    case 'measured':
    case 'remembered': {
      const when = report.how === 'measured' ? 'measured now' : 'measured earlier on this device';
      if (own === undefined || rivals.length === 0) {
        return `${report.backend}: the only backend that could run the model here (${when}).`;
      }
      const [rival, rate] = rivals.sort((a, b) => b[1] - a[1])[0]!;
      const ratio = own / rate;
      const detail = `${Math.round(own).toLocaleString('en')} against ${Math.round(rate).toLocaleString('en')} samples/s${family}; ${when}`;
      return ratio >= 1.05
        ? `${report.backend}: ${times(ratio)} faster than ${NAMES[rival]} here (${detail}).`
        : `${report.backend}: as fast as ${NAMES[rival]} here (${detail}).`;
    }
    default:
      return `${report.backend}: the first backend that started.`;
  }
}

/**
 * Names the TF.js backend in use (data-testid="backend" holds just its name), says why it runs
 * (measured, remembered, asked for by the link, or a fallback), offers the other main backend, and
 * says plainly when a backend could not be used and why.
 */
export function BackendBadge() {
  const status = useAppStore((s) => s.backendStatus);
  const report = useAppStore((s) => s.backendReport);
  const error = useAppStore((s) => s.backendError);
  const setRequest = useAppStore((s) => s.setBackendRequest);

  if (status === 'failed') {
    return (
      <div className="notice notice-error" role="alert">
        The lab cannot compute in this browser: {error}
      </div>
    );
  }
  const other: BackendName | null = report ? (report.backend === 'webgl' ? 'wasm' : 'webgl') : null;
  const otherFailed = report?.failures.some((f) => f.backend === other) ?? false;
  const failuresBefore = report && report.failures.length > 0;
  return (
    <div className="backend">
      <span className="backend-label">
        Backend:{' '}
        <strong data-testid="backend">
          {status === 'starting' ? (report ? 'switching…' : 'starting…') : report?.backend}
        </strong>
      </span>
      {report && status === 'ready' && (
        <span className="backend-reason" data-testid="backend-reason">
          {' '}
          {backendReason(report)}
          {report.wasmFeatures &&
            ` wasm runs with SIMD ${report.wasmFeatures.simd ? 'on' : 'off'} and threads ${report.wasmFeatures.threads ? 'on' : 'off'}.`}
        </span>
      )}
      {report && other && !otherFailed && status === 'ready' && (
        <button
          type="button"
          className="backend-switch"
          data-testid="backend-switch"
          onClick={() => setRequest(other)}
        >
          Use {NAMES[other]} instead
        </button>
      )}
      {failuresBefore && (
        <p className="notice notice-warn" role="status" data-testid="backend-notice">
          {report.preferred !== report.backend
            ? `${report.preferred === 'webgl' ? 'WebGL' : report.preferred} could not be used (${report.failures
                .map((f) => `${f.backend}: ${f.reason}`)
                .join('; ')}), so the lab runs on `
            : `Not every backend could be used (${report.failures
                .map((f) => `${f.backend}: ${f.reason}`)
                .join('; ')}); the lab runs on `}
          <strong>{report.backend}</strong>
          {report.preferred !== report.backend
            ? ' instead. Everything works; only the speed may differ.'
            : '.'}
        </p>
      )}
    </div>
  );
}
