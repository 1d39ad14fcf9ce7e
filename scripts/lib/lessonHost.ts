/**
 * A lesson page on an origin of its own (a tiny server on another loopback port) that embeds lab
 * widgets in iframes: what an author's page is, for the shared-engine test (e2e/shared-engine.spec.ts)
 * and the 1-versus-4-widget benchmark (scripts/bench/widgets.ts). `/lesson?frames=N` embeds the
 * first N of `widgets`; `/lesson?frames=0` is the same page with none (the memory baseline).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LessonHost {
  /** The page embedding the first `frames` widgets. */
  url: (frames: number) => string;
  origin: string;
  close: () => Promise<void>;
}

/** The URL of one embedded widget of the lab at `lab` (its origin and base path, ending in /). */
export function widgetUrl(lab: string, widget: string, query: string): string {
  return `${lab}index.html#/embed/${widget}?${query}`;
}

export async function serveLessonPage(widgets: readonly string[]): Promise<LessonHost> {
  const server = createServer((req, res) => {
    const frames = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('frames') ?? widgets.length);
    const body = widgets
      .slice(0, frames)
      .map(
        (src, i) =>
          `<iframe id="w${i}" title="widget ${i}" style="width:640px;height:900px;border:0" src="${src}"></iframe>`,
      )
      .join('\n');
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><html lang="en"><title>Lesson</title><body><main>${body}</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (frames) => `${origin}/lesson?frames=${frames}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
