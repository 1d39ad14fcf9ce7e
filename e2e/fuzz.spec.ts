import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseUrlPart } from '../src/store/urlRegistry';
import { expect, test } from './fixtures';
import { startTaskTrace, stopTaskTrace, stopTaskTraceLongest } from './taskTrace';
import { makeRng as rng } from '../src/bounds/__tests__/helpers';

/**
 * A seeded fuzz test of the URL: 1,000+ generated links across every route (the views and the
 * embeds), with random keys and values (huge and negative numbers, NaN, unicode, 100 kB strings,
 * repeated keys, script payloads), applied on one page by hash changes, plus a sample of fresh page
 * loads. After each: no page error, a root that is not blank, nothing wider than the viewport (1280
 * or 375 px wide, batch by batch), every
 * corrected value listed in a notice, no injected script run. FUZZ_SEED=<n> replays another run; a
 * failure message names the seed and the link.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 14);
/** `npm run fuzz -- --seed N --links M` sets both (scripts/fuzz.mjs). */
const ON_ONE_PAGE = Number(process.env.FUZZ_LINKS ?? 1000);
const FRESH_LOADS = 25;

const MODEL_IDS = (JSON.parse(readFileSync('models/index.json', 'utf8')) as { id: string }[]).map(
  (c) => c.id,
);

const ROUTES = [
  'why',
  'lab',
  'geometry',
  'tradeoff',
  'limits',
  'when',
  'check',
  'embed/histogram',
  'embed/grid',
  'embed/geometry',
  'embed/tradeoff',
  'embed',
  'embed/',
  'nowhere',
  '',
];
const KEYS = [
  'sigma',
  'n',
  'n0',
  'alpha',
  'seed',
  'digit',
  'model',
  'present',
  'toy',
  'clf',
  'pt',
  'eps',
  'atk',
  'tarch',
  'tcount',
  'origin',
  '__proto__',
  'constructor',
  'σ',
  '',
];
/** Each sets window.__pwned if it ever runs. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  "' onmouseover='window.__pwned=1",
  '<svg onload=window.__pwned=1>',
  '${window.__pwned=1}',
];

function generator(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const value = (): string => {
    const k = r();
    if (k < 0.25)
      return String(
        pick([1e308, -1e308, 1e20, -1e20, -5, -1, 0, 0.5, 1.5, 7, 99999999, 4294967296, 2 ** 53 + 1]),
      );
    if (k < 0.35)
      return pick(['NaN', 'Infinity', '-Infinity', '', ' ', '1e', '0x10', '1_000', '--1', '.', '-0']);
    if (k < 0.5) return String(r() * pick([1, 10, 1e6]) * (r() < 0.3 ? -1 : 1));
    if (k < 0.6)
      return pick([
        'σ',
        '😀😀',
        '数字',
        'ṁöḋëḷ',
        '\u202e\u0000',
        'cnn-0.25',
        'mlp-0.50',
        'moons',
        'spiral',
        '1,2',
        '-3,9',
      ]);
    if (k < 0.7) return pick(PAYLOADS);
    if (k < 0.73) return pick(['x', '9', '😀']).repeat(100_000 / 2);
    if (k < 0.8)
      return pick(['https://example.edu', 'null', '*', 'http://127.0.0.1:1', 'javascript:alert(1)']);
    return String(Math.floor(r() * 3000) - 500);
  };
  return (): string => {
    const route = pick(ROUTES);
    const parts: string[] = [];
    const count = Math.floor(r() * 8);
    for (let i = 0; i < count; i++) {
      const key =
        r() < 0.85
          ? pick(KEYS)
          : Array.from({ length: 1 + Math.floor(r() * 6) }, () =>
              String.fromCodePoint(32 + Math.floor(r() * 5000)),
            ).join('');
      const v = value();
      const enc = r() < 0.8;
      parts.push(`${enc ? encodeURIComponent(key) : key}=${enc ? encodeURIComponent(v) : v}`);
      if (r() < 0.1) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value())}`); // a repeated key
    }
    return `#/${route}${parts.length || r() < 0.5 ? `?${parts.join('&')}` : ''}`;
  };
}

/** How many corrections the app must list for this hash: computed with the app's own schema tables. */
function expectedNotices(hash: string): number {
  const i = hash.indexOf('?');
  const q = i >= 0 ? hash.slice(i + 1) : '';
  return (
    parseUrlPart('params', q).notices.length +
    parseUrlPart('modelId', q, { ids: MODEL_IDS, fallback: 'cnn-0.25' }).notices.length +
    parseUrlPart('geo', q).notices.length +
    parseUrlPart('tradeoff', q).notices.length
  );
}

interface Check {
  blank: boolean;
  width: number;
  viewport: number;
  notices: number;
  pwned: boolean;
}

/** What the page shows now (runs in the page). */
function readCheck(): Check {
  const root = document.getElementById('root')!;
  return {
    blank: root.children.length === 0 || (root.textContent ?? '').trim() === '',
    width: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    notices: document.querySelectorAll('[data-testid="url-notice"] li').length,
    pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
  };
}

/** Applies each hash on the page in turn (a hash change, as a typed link) and reports what it showed. */
async function applyAll(page: Page, hashes: string[]): Promise<Check[]> {
  return page.evaluate(async (list) => {
    // The same reading as readCheck (a page function cannot take another function along).
    const check = (): Check => {
      const root = document.getElementById('root')!;
      return {
        blank: root.children.length === 0 || (root.textContent ?? '').trim() === '',
        width: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        notices: document.querySelectorAll('[data-testid="url-notice"] li').length,
        pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
      };
    };
    const loading = () =>
      Array.from(document.querySelectorAll('[role="status"]')).some((e) =>
        /^Loading the (geometry|trade-off) view|^Loading…$/.test(e.textContent ?? ''),
      );
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out: Check[] = [];
    const task = () => new Promise<void>((r) => setTimeout(r, 0));
    for (const [i, h] of list.entries()) {
      // Each link's window in the trace (./taskTrace.ts) starts here.
      performance.mark(`fuzz-link-${i}`);
      const before = window.location.href;
      const changed = new Promise<void>((r) =>
        window.addEventListener('hashchange', () => r(), { once: true }),
      );
      window.location.hash = h;
      // The app reads the link in its hashchange listener and React renders the result in a
      // microtask after it; one task later the page shows it.
      if (window.location.href !== before) await changed;
      await task();
      // A view loaded on first use (geometry, trade-off) shows its notices once it is there.
      for (let k = 0; k < 600 && loading(); k++) await frame();
      out.push(check());
    }
    performance.mark('fuzz-link-end');
    performance.clearMarks();
    return out;
  }, hashes);
}

/** One link's longest task of the page's thread (./taskTrace.ts), and where it was applied. */
interface LinkTask {
  hash: string;
  /** The link applied before it (its view is the one this link replaced). */
  after: string;
  viewport: { width: number; height: number };
  cpuMs: number;
  wallMs: number;
}

/** #23: the longest main-thread task any link may cause, ms of the thread's CPU time. */
const LONG_TASK_MS = 200;

function verify(hash: string, c: Check, where: string) {
  const label = `${where}, seed ${SEED}: ${hash.slice(0, 300)}`;
  expect(c.blank, label).toBe(false);
  expect(c.width, label).toBeLessThanOrEqual(c.viewport);
  expect(c.pwned, label).toBe(false);
  expect(c.notices, label).toBe(expectedNotices(hash));
}

// 1,000 links with the trace recording every task: 1.5 to 3.5 min on this 2-core machine under
// load (without the trace, 1.3 min).
test.describe.configure({ timeout: 300_000 });

test(`${ON_ONE_PAGE} generated links on one page, by hash changes`, async ({ page, problems }) => {
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const next = generator(SEED);
  // Grouped by route (a stable sort), so most steps re-render one view with new values rather than
  // mounting another: that keeps 1,000 links within the time budget. Fresh loads cover the rest.
  const routeOf = (h: string) => h.slice(2).split('?')[0]!;
  const hashes = Array.from({ length: ON_ONE_PAGE }, next).sort((a, b) =>
    routeOf(a) < routeOf(b) ? -1 : routeOf(a) > routeOf(b) ? 1 : 0,
  );
  // Every route is covered.
  for (const route of ROUTES)
    expect(hashes.some((h) => h.startsWith(`#/${route}?`) || h === `#/${route}`)).toBe(true);
  // The engine is paused: this test is about reading links and rendering what they say, and on a
  // 2-core machine a certification running beside every step would only slow it down (the fresh
  // loads below run with the engine on).
  await page.goto('./#/lab?model=mlp-0.25&n=200&n0=20');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  const longest: LinkTask[] = [];
  for (let i = 0; i < hashes.length; i += 50) {
    const batch = hashes.slice(i, i + 50);
    // Every other batch on a phone-sized page: nothing may widen it either.
    const viewport = i % 100 === 0 ? { width: 1280, height: 800 } : { width: 375, height: 740 };
    await page.setViewportSize(viewport);
    const t0 = Date.now();
    await startTaskTrace(page);
    const checks = await applyAll(page, batch);
    const tasks = await stopTaskTrace(page, 'fuzz-link-', batch.length);
    console.log(`fuzz: links ${i}-${i + batch.length - 1} in ${Date.now() - t0} ms`);
    batch.forEach((h, k) => verify(h, checks[k]!, `link ${i + k}`));
    batch.forEach((h, k) =>
      longest.push({ hash: h, after: i + k > 0 ? hashes[i + k - 1]! : '', viewport, ...tasks[k]! }),
    );
    expect(problems, `after link ${i + batch.length}, seed ${SEED}`).toEqual([]);
  }
  // #23: no task of the page's thread over 200 ms, whatever the link. Judged by the task's CPU time
  // on that thread (./taskTrace.ts: on this shared machine wall time is mostly other processes');
  // the wall time is printed beside it.
  longest.sort((a, b) => b.cpuMs - a.cpuMs);
  const worst = (l: { hash: string; cpuMs: number; wallMs: number }) =>
    `${l.cpuMs} ms CPU (${l.wallMs} ms wall) ${l.hash.slice(0, 100)}`;
  const byWall = [...longest].sort((a, b) => b.wallMs - a.wallMs);
  const line = `fuzz: seed ${SEED}, ${longest.length} links: longest task per link, CPU time: over 100 ms on ${longest.filter((l) => l.cpuMs > 100).length}, over 200 ms on ${longest.filter((l) => l.cpuMs > 200).length}; worst ${longest
    .slice(0, 3)
    .map(worst)
    .join(
      ' | ',
    )}; by wall time (load ${loadavg()[0]!.toFixed(1)}): over 200 ms on ${byWall.filter((l) => l.wallMs > 200).length}, worst ${worst(byWall[0]!)}`;
  console.log(line);
  test.info().annotations.push({ type: 'long tasks', description: line });
  // The whole links (and the link before each, whose view it replaced), to replay the worst ones.
  if (process.env.FUZZ_LONG_TASKS_OUT)
    writeFileSync(process.env.FUZZ_LONG_TASKS_OUT, JSON.stringify(longest.slice(0, 30), null, 1));
  // Any link over the limit fails, on its first measurement (listed with the link before it).
  expect(
    longest.filter((l) => l.cpuMs > LONG_TASK_MS).map((l) => `${worst(l)} (after ${l.after.slice(0, 100)})`),
    `links whose longest main-thread task passed ${LONG_TASK_MS} ms of CPU, seed ${SEED}`,
  ).toEqual([]);
});

test(`${FRESH_LOADS} generated links as fresh page loads`, async ({ page, problems }) => {
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const next = generator(SEED + 1);
  const loads: { hash: string; cpuMs: number; wallMs: number }[] = [];
  for (let i = 0; i < FRESH_LOADS; i++) {
    const hash = next();
    // A page.goto that changes only the hash stays in the same document: leave the app first, so
    // each link is a real page load (the app starts from nothing, as when a link is opened).
    await page.goto('about:blank');
    await startTaskTrace(page);
    await page.goto(`./${hash}`);
    await expect(page.locator('#root > *').first()).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: /^Loading the (geometry|trade-off) view|^Loading…$/ }),
    ).toHaveCount(0, { timeout: 30_000 });
    loads.push({ hash, ...(await stopTaskTraceLongest(page)) });
    const c = await page.evaluate(readCheck);
    verify(hash, c, `fresh load ${i}`);
    expect(problems, `fresh load ${i}, seed ${SEED}`).toEqual([]);
  }
  // #23's 200 ms of CPU holds for the start of the app as well: parsing, evaluating and rendering.
  loads.sort((a, b) => b.cpuMs - a.cpuMs);
  console.log(
    `fuzz: seed ${SEED}, ${loads.length} fresh loads: longest main-thread task ${loads[0]!.cpuMs} ms CPU (${loads[0]!.wallMs} ms wall) on ${loads[0]!.hash.slice(0, 100)}`,
  );
  expect(
    loads.filter((l) => l.cpuMs > LONG_TASK_MS).map((l) => `${l.cpuMs} ms CPU ${l.hash.slice(0, 100)}`),
    `fresh loads whose longest main-thread task passed ${LONG_TASK_MS} ms of CPU, seed ${SEED}`,
  ).toEqual([]);
});
