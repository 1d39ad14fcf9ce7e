/** Saving the trade-off view's data and chart as files, entirely in the browser (no upload). */
import { curvesToCsv } from '../../smoothing';

/** Offers `blob` to the user as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A legend entry drawn above the chart in the PNG (recharts draws its legend in HTML, not SVG). */
export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
  /** The dash pattern when dashed (pixels); [6, 4] if not given. */
  dash?: readonly number[];
  /** Where the curve came from (model, digits, n0, n, alpha, seed), drawn after the label. */
  source?: string;
}

/** A curve's column name in exports: its label, then its provenance in parentheses. */
export function exportLabel(e: { label: string; source?: string }): string {
  return e.source ? `${e.label} (${e.source})` : e.label;
}

/** The curves as CSV: one column per curve, named with its label and provenance (exportLabel). */
export function curvesCsv(
  radii: readonly number[],
  curves: readonly { label: string; source?: string; values: readonly number[] }[],
): string {
  return curvesToCsv(
    radii,
    curves.map((c) => ({ label: exportLabel(c), values: c.values })),
  );
}

/**
 * Breaks `text` into lines no wider than `maxWidth` as `measure` counts width, at spaces (a word
 * wider than the line gets a line of its own).
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const LINE = 16;
const LEGEND_ROW = 22;
const LEGEND_COL = 170;

/**
 * Rasterizes an inline SVG chart to a PNG at `scale` times its size on screen, on a white
 * background, with a title and the legend drawn above it and `notes` (paragraphs, such as the
 * published curves' provenance) below it, wrapped to the chart's width: the SVG is serialized into
 * a data URL (same origin, so the canvas stays readable).
 */
export async function svgToPng(
  svg: SVGSVGElement,
  o: { title: string; legend: readonly LegendEntry[]; notes?: readonly string[]; scale?: number },
): Promise<Blob> {
  const scale = o.scale ?? 2;
  const { width, height } = svg.getBoundingClientRect();
  const font = getComputedStyle(svg).fontFamily;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Text takes the page's font; give the standalone image the same one.
  clone.setAttribute('font-family', font);
  const xml = new XMLSerializer().serializeToString(clone);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw the chart into an image');
  // Lay the text out first: a legend entry that names its provenance takes a row of its own and
  // wraps onto as many lines as it needs; the notes wrap to the width.
  ctx.font = `12px ${font}`;
  const measure = (t: string) => ctx.measureText(t).width;
  const withSource = o.legend.some((e) => e.source);
  const perRow = withSource ? 1 : Math.max(1, Math.floor(width / LEGEND_COL));
  const entries = o.legend.map((e) =>
    withSource ? wrapText(exportLabel(e), width - 46, measure) : [exportLabel(e)],
  );
  const rows: { entries: number[]; lines: number }[] = [];
  entries.forEach((lines, k) => {
    if (k % perRow === 0) rows.push({ entries: [], lines: 0 });
    const row = rows.at(-1)!;
    row.entries.push(k);
    row.lines = Math.max(row.lines, lines.length);
  });
  const legendHeight = rows.reduce((h, r) => h + LEGEND_ROW + (r.lines - 1) * LINE, 0);
  const top = LEGEND_ROW + legendHeight + 6;
  const notes = (o.notes ?? []).map((n) => wrapText(n, width - 16, measure));
  const notesHeight = notes.reduce((h, n) => h + n.length * LINE + 6, notes.length ? 8 : 0);
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round((height + top + notesHeight) * scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.fillStyle = '#111111';
  ctx.font = `600 14px ${font}`;
  ctx.fillText(o.title, 8, 16, width - 16);
  ctx.font = `12px ${font}`;
  let y = LEGEND_ROW + 10;
  for (const row of rows) {
    row.entries.forEach((k, col) => {
      const e = o.legend[k]!;
      const x = 8 + col * LEGEND_COL;
      ctx.strokeStyle = e.color;
      ctx.lineWidth = 2.5;
      ctx.setLineDash(e.dashed ? [...(e.dash ?? [6, 4])] : []);
      ctx.beginPath();
      ctx.moveTo(x, y - 4);
      ctx.lineTo(x + 24, y - 4);
      ctx.stroke();
      ctx.fillStyle = '#111111';
      entries[k]!.forEach((line, i) => ctx.fillText(line, x + 30, y + i * LINE, width - x - 38));
    });
    y += LEGEND_ROW + (row.lines - 1) * LINE;
  }
  ctx.drawImage(img, 0, top, width, height);
  ctx.setLineDash([]);
  y = top + height + 8 + 12;
  for (const lines of notes) {
    for (const line of lines) {
      ctx.fillText(line, 8, y, width - 16);
      y += LINE;
    }
    y += 6;
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the chart could not be encoded as PNG'))),
      'image/png',
    ),
  );
}
