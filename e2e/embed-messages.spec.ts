import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';
import { dropExpected } from './failureHelpers';
import { expect, test } from './fixtures';

/**
 * Messages from an allowed origin that structured clone delivers but JSON could not (issue #23,
 * failure 9): BigInts, cycles, a 64 MB string, Maps, Dates, typed arrays and the like, posted by a
 * lesson page on its own origin to a widget that lists it. Each is refused with a short reason on
 * the widget's root, never thrown; nothing longer than LONGEST reaches the frame's DOM or the
 * messages it sends back; and a valid set-params still takes effect afterwards.
 */

/** The longest attribute value or text node the frame's document may hold (characters). */
const LONGEST = 10_000;

/** Every payload the lesson page builds (in the page: BigInts and cycles do not cross evaluate). */
const CASES = [
  'bigint sigma',
  'bigint type',
  'bigint version',
  'bigint model',
  'cyclic message',
  'cyclic sigma',
  'huge model',
  'huge key',
  'huge type',
  'huge field',
  'nested oddities',
] as const;

/** Each of these, alone, as the value of `sigma`. */
const ODDITIES = [
  'Map',
  'Set',
  'Date',
  'RegExp',
  'Uint8Array',
  'Float64Array',
  'BigInt64Array',
  'ArrayBuffer',
  'DataView',
  'Error',
  'Boolean object',
  'Number object',
  'String object',
  'sparse list',
  'NaN',
  'Infinity',
  'Blob',
  'undefined',
] as const;

/** Posts the payload `kind` (a CASES or ODDITIES name) from the lesson page to the frame #w. */
function post(page: Page, lab: string, kind: string) {
  return page.evaluate(
    ([lab, kind]) => {
      // 64 MB of text, made only for the payloads that carry it.
      const huge = () => 'x'.repeat(64 * 2 ** 20);
      const sparse: unknown[] = [];
      sparse[2] = 0.5;
      const oddities: Record<string, () => unknown> = {
        Map: () => new Map([['sigma', 0.5]]),
        Set: () => new Set([0.5]),
        Date: () => new Date(0),
        RegExp: () => /0\.5/,
        Uint8Array: () => new Uint8Array(1 << 20),
        Float64Array: () => new Float64Array([0.5]),
        BigInt64Array: () => new BigInt64Array([5n]),
        ArrayBuffer: () => new ArrayBuffer(8),
        DataView: () => new DataView(new ArrayBuffer(8)),
        Error: () => new RangeError(huge()),
        // Object(x) is the wrapper object (new Boolean(true) and so on).
        'Boolean object': () => Object(true) as unknown,
        'Number object': () => Object(0.5) as unknown,
        'String object': () => Object('0.5') as unknown,
        'sparse list': () => sparse,
        NaN: () => Number.NaN,
        Infinity: () => Number.POSITIVE_INFINITY,
        Blob: () => new Blob(['0.5']),
        undefined: () => undefined,
      };
      const set = (params: unknown) => ({ source: 'smoothing-lab', type: 'set-params', params });
      const cyclic: Record<string, unknown> = { source: 'smoothing-lab', type: 'set-params' };
      cyclic.params = cyclic;
      const payloads: Record<string, () => unknown> = {
        'bigint sigma': () => set({ sigma: 10n }),
        'bigint type': () => ({ source: 'smoothing-lab', type: 10n, params: { sigma: 0.5 } }),
        'bigint version': () => ({ source: 'smoothing-lab', type: 'set-params', version: 1n, params: {} }),
        'bigint model': () => set({ model: 2n ** 70n }),
        'cyclic message': () => cyclic,
        'cyclic sigma': () => set({ sigma: cyclic }),
        'huge model': () => set({ model: huge() }),
        'huge key': () => set({ [huge()]: 0.5 }),
        'huge type': () => ({ source: 'smoothing-lab', type: huge(), params: { sigma: 0.5 } }),
        'huge field': () => ({ source: 'smoothing-lab', type: 'set-params', params: {}, [huge()]: 1 }),
        // One message whose sigma nests every oddity (and a negative zero, a cycle and a BigInt).
        'nested oddities': () => {
          const nest: Record<string, unknown> = { negativeZero: -0, big: 3n, self: cyclic, huge: huge() };
          for (const [name, make] of Object.entries(oddities)) nest[name] = make();
          return set({ sigma: nest, n: [nest, new Map([[nest, nest]])] });
        },
      };
      const data = (payloads[kind] ?? (() => set({ sigma: oddities[kind]!() })))();
      (document.getElementById('w') as HTMLIFrameElement).contentWindow!.postMessage(data, lab);
    },
    [lab, kind] as const,
  );
}

/** The longest attribute value or text node in the frame's document, and where it is. */
function longestInDom(frame: Frame) {
  return frame.evaluate(() => {
    let longest = { length: 0, where: '' };
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node instanceof Element) {
        for (const a of Array.from(node.attributes)) {
          if (a.value.length > longest.length)
            longest = { length: a.value.length, where: `${node.tagName}[${a.name}]` };
        }
      } else if ((node.nodeValue?.length ?? 0) > longest.length) {
        longest = { length: node.nodeValue!.length, where: `text in ${node.parentElement?.tagName}` };
      }
    }
    return longest;
  });
}

test('set-params from an allowed origin with BigInts, cycles, 64 MB strings or clone oddities: refused with a short reason, never thrown, nothing unbounded in the DOM', async ({
  page,
  origins,
  baseURL,
  problems,
}) => {
  test.setTimeout(120_000);
  const lab = new URL(baseURL!).origin;
  // The lesson page, on its own origin (another loopback port), records what the widget sends back.
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<!doctype html><html lang="en"><title>Lesson</title><body>
      <script>window.fromWidget = []; addEventListener('message', (e) => window.fromWidget.push(e.data));</script>
      <iframe id="w" title="widget" style="width:600px;height:400px"
        src="${lab}/index.html#/embed/grid?sigma=0.25&origin=${encodeURIComponent(lesson)}"></iframe></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lesson = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  origins.push(lesson);
  try {
    await page.goto(`${lesson}/lesson-page.html`);
    const widget = page.frameLocator('#w');
    await expect(widget.getByTestId('noisy-grid')).toBeVisible();
    const frame = (await (await page.locator('#w').elementHandle())!.contentFrame())!;
    const root = widget.getByTestId('embed');

    // An uncaught error in the frame reaches the page's pageerror events, which `problems` records.
    await frame.evaluate(() =>
      setTimeout(() => {
        throw new Error('probe: a frame error is seen');
      }),
    );
    await expect.poll(() => problems.join('\n')).toContain('probe: a frame error is seen');
    dropExpected(problems, /probe: a frame error is seen/);

    expect((await longestInDom(frame)).length).toBeLessThan(LONGEST);
    const kinds = [...CASES, ...ODDITIES];
    for (const [i, kind] of kinds.entries()) {
      await post(page, lab, kind);
      await expect(root, kind).toHaveAttribute('data-messages-rejected', String(i + 1));
      const reason = (await root.getAttribute('data-last-rejection'))!;
      expect(reason.length, `${kind}: ${reason.slice(0, 400)}`).toBeGreaterThan(0);
      expect(reason.length, `${kind}: ${reason.slice(0, 400)}`).toBeLessThan(300);
      const longest = await longestInDom(frame);
      expect(longest.length, `${kind}: the longest is ${longest.where}`).toBeLessThan(LONGEST);
      expect(problems, kind).toEqual([]);
    }
    await expect(root).toHaveAttribute('data-messages-accepted', '0');
    await expect(widget.getByTestId('slider-sigma')).toHaveValue('0.25');

    // The widget still works: a valid set-params afterwards takes effect.
    await page.evaluate(
      (lab) =>
        (document.getElementById('w') as HTMLIFrameElement).contentWindow!.postMessage(
          { source: 'smoothing-lab', type: 'set-params', version: 1, params: { sigma: 0.5 } },
          lab,
        ),
      lab,
    );
    await expect(root).toHaveAttribute('data-messages-accepted', '1');
    await expect(widget.getByTestId('slider-sigma')).toHaveValue('0.5');
    await expect(widget.getByRole('img', { name: 'noisy copy 1 at sigma 0.50' })).toBeVisible();

    // What the widget sent back to the page is bounded too.
    const sent = await page.evaluate(() =>
      (window as unknown as { fromWidget: unknown[] }).fromWidget.map((d) => JSON.stringify(d).length),
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(Math.max(...sent)).toBeLessThan(LONGEST);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  expect(problems).toEqual([]);
});
