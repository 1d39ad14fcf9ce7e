/**
 * The bench's "selection" part: the backend the lab's start-up measurement picks per model family,
 * in a fresh profile (nothing remembered), with the timings it picked from.
 */
import { f, type BenchContext } from './page';

/** Per family ('cnn', 'mlp'): the picked backend and the samples/s it measured on each. */
export type Selection = Record<string, { backend: string; timings: Record<string, number> }>;

export async function measureSelection({ base, browser }: BenchContext): Promise<Selection> {
  const selection: Selection = {};
  console.error('bench: the backend the lab picks…');
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const p = await ctx.newPage();
  for (const model of ['cnn-0.25', 'mlp-0.25']) {
    await p.goto('about:blank');
    await p.goto(`${base}#/lab?model=${model}&n=100`);
    // A first visit starts on wasm, certifies, then times the backends: wait for that.
    await p.getByTestId('backend-reason').filter({ hasText: 'measured now' }).waitFor({ timeout: 600_000 });
    const stored = await p.evaluate(() => localStorage.getItem('smoothing-lab:backend-choice'));
    const family = model.slice(0, 3);
    const entry = (
      JSON.parse(stored ?? '{}') as {
        families?: Selection;
      }
    ).families?.[family];
    if (entry) selection[family] = { backend: entry.backend, timings: entry.timings };
    await p.evaluate(() => localStorage.clear()); // the next family measures afresh too
  }
  await ctx.close();
  return selection;
}

export function printSelection(selection: Selection) {
  for (const [family, sel] of Object.entries(selection)) {
    const t = Object.entries(sel.timings)
      .map(([b, v]) => `${b} ${f(v)}/s`)
      .join(', ');
    console.log(`\nStart-up measurement, ${family}: picked ${sel.backend} (${t})`);
  }
}
