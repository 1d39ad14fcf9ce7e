/**
 * Tells the page about the engine's slow downloads (a model's files, the .wasm binary), so a slow
 * network shows "still downloading (x of y MB)" instead of a silent wait. A download is reported
 * once it has run SLOW_MS, then at most every REPORT_MS, and once more when it ends.
 */
import type { DownloadProgress } from '../../models/download';
import { toPage } from './toPage';

const SLOW_MS = 1_500;
const REPORT_MS = 250;

/** Progress callbacks for one download of `file`: call `end()` when it has arrived or failed. */
export function trackDownload(file: string, now: () => number = () => performance.now()) {
  const started = now();
  let last = -Infinity;
  let told = false;
  let seen: { received: number; total: number | null } = { received: 0, total: null };
  const onProgress: DownloadProgress = (received, total) => {
    seen = { received, total };
    const t = now();
    if (t - started < SLOW_MS || t - last < REPORT_MS) return;
    last = t;
    told = true;
    toPage({ type: 'downloading', file, received, total, done: false });
  };
  const end = () => {
    if (told) toPage({ type: 'downloading', file, ...seen, done: true });
  };
  return { onProgress, end };
}
