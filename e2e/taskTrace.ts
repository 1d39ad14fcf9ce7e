import type { Page } from '@playwright/test';

/**
 * The longest task of the page's main thread in each of a series of windows, read from Chrome's
 * trace. Each task carries its wall time (`dur`) and the thread's own CPU time (`tdur`), both in µs.
 *
 * Why CPU time decides: on a shared 2-core machine, a 60 ms task of the page's thread is often 300 ms
 * or more of wall time, the rest spent waiting for other processes. The CPU time is what the page
 * itself costs, the same on a loaded machine and on a quiet one; the wall time is reported beside it.
 *
 * The windows are marks the page sets with `performance.mark(prefix + i)` (i = 0 … count - 1), then
 * `performance.mark(prefix + 'end')`.
 */
export interface WindowTasks {
  /** The longest task overlapping the window: its CPU time on the page's thread, ms (0: none). */
  cpuMs: number;
  /** That window's longest task by wall time, ms. */
  wallMs: number;
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/** Starts the trace: the thread's tasks (category toplevel) and the page's marks. */
export async function startTaskTrace(page: Page): Promise<void> {
  await page
    .context()
    .browser()!
    .startTracing(page, { categories: ['toplevel', 'blink.user_timing', '__metadata'] });
}

/** Stops the trace and reads the longest task of each window (see the module comment). */
export async function stopTaskTrace(page: Page, prefix: string, count: number): Promise<WindowTasks[]> {
  const buffer = await page.context().browser()!.stopTracing();
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = new Map<string, TraceEvent>();
  for (const e of events) {
    if (e.cat?.includes('blink.user_timing') && e.name.startsWith(prefix) && !marks.has(e.name))
      marks.set(e.name, e);
  }
  const first = marks.get(`${prefix}0`);
  const end = marks.get(`${prefix}end`);
  if (!first || !end)
    throw new Error(`taskTrace: the marks ${prefix}0 and ${prefix}end are not in the trace`);
  // The page's main thread is the thread that set the marks.
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.pid === first.pid &&
      e.tid === first.tid &&
      e.dur !== undefined,
  );
  return Array.from({ length: count }, (_, i) => {
    const from = marks.get(`${prefix}${i}`)?.ts;
    const to = marks.get(`${prefix}${i + 1}`)?.ts ?? end.ts;
    if (from === undefined) throw new Error(`taskTrace: the mark ${prefix}${i} is not in the trace`);
    const within = tasks.filter((t) => t.ts + t.dur! > from && t.ts < to);
    return {
      cpuMs: Math.round(Math.max(0, ...within.map((t) => (t.tdur ?? t.dur!) / 1000))),
      wallMs: Math.round(Math.max(0, ...within.map((t) => t.dur! / 1000))),
    };
  });
}

/**
 * Stops the trace and reads the longest task of any renderer's main thread in it (a page load
 * has no marks before it starts; a load may also move the page to a fresh renderer process).
 */
export async function stopTaskTraceLongest(page: Page): Promise<WindowTasks> {
  const buffer = await page.context().browser()!.stopTracing();
  const events = (
    JSON.parse(buffer.toString('utf8')) as { traceEvents: (TraceEvent & { args?: { name?: string } })[] }
  ).traceEvents;
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  if (mainThreads.size === 0) throw new Error('taskTrace: no renderer main thread in the trace');
  const tasks = events.filter(
    (e) =>
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      e.dur !== undefined &&
      mainThreads.has(`${e.pid}:${e.tid}`),
  );
  return {
    cpuMs: Math.round(Math.max(0, ...tasks.map((t) => (t.tdur ?? t.dur!) / 1000))),
    wallMs: Math.round(Math.max(0, ...tasks.map((t) => t.dur! / 1000))),
  };
}
