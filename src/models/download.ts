import { errorMessage } from '../tasks/errorMessage';
/**
 * Downloads a file the engine needs (a model's files, a TF.js .wasm binary) with a deadline on
 * silence rather than on size: a slow network that keeps sending is reported as progress, one that
 * sends nothing for `stallMs` (no answer, or no new bytes) is treated like a missing file, and the
 * error names it, so the caller can fall back as it would on a 404.
 */

/** How long a download may send nothing before it counts as failed. */
export const STALL_MS = 20_000;

/** Bytes so far and the expected total (null when the server did not say). */
export type DownloadProgress = (received: number, total: number | null) => void;

export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1);

/** "0.42 of 3.1 MB", or "0.42 MB" when the total is unknown. */
export function describeBytes(received: number, total: number | null): string {
  return total ? `${mb(received)} of ${mb(total)} MB` : `${mb(received)} MB`;
}

/**
 * The file's bytes.
 * @param what the file as the student should read it, e.g. "models/cnn-0.25/weights.bin"
 * @throws DownloadError when it cannot be fetched, is not there (HTTP status), or sends nothing for stallMs
 */
export async function download(
  url: string,
  what: string,
  o: { stallMs?: number; onProgress?: DownloadProgress; fetcher?: typeof fetch } = {},
): Promise<ArrayBuffer> {
  const stallMs = o.stallMs ?? STALL_MS;
  const controller = new AbortController();
  let received = 0;
  let total: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stalled = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort(); // a fetch's body errors on abort; any other stream is cancelled
      reader?.cancel().catch(() => undefined);
    }, stallMs);
  };
  const why = (e: unknown) =>
    stalled
      ? new DownloadError(
          `${what} stopped arriving: nothing for ${stallMs / 1000} s${received > 0 ? ` after ${describeBytes(received, total)}` : ''}`,
        )
      : new DownloadError(`${what} could not be downloaded (${errorMessage(e)})`);
  arm();
  try {
    let res: Response;
    try {
      res = await (o.fetcher ?? fetch)(url, { signal: controller.signal });
    } catch (e) {
      throw why(e);
    }
    if (!res.ok) throw new DownloadError(`${what} could not be downloaded (HTTP ${res.status})`);
    const length = Number(res.headers.get('content-length'));
    total = Number.isFinite(length) && length > 0 ? length : null;
    if (!res.body) {
      try {
        return await res.arrayBuffer();
      } catch (e) {
        throw why(e);
      }
    }
    reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    arm();
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (e) {
        throw why(e);
      }
      if (stalled) throw why(null);
      if (step.done) break;
      chunks.push(step.value);
      received += step.value.byteLength;
      arm();
      o.onProgress?.(received, total);
    }
    const out = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out.buffer;
  } finally {
    clearTimeout(timer);
  }
}
