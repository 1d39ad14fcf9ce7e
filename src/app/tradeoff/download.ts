/** Saving the trade-off view's data and chart as files, entirely in the browser (no upload). */

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
  /** Where the curve came from (model, digits, n0, n, alpha, seed), drawn after the label. */
  source?: string;
}

/** A curve's column name in exports: its label, then its provenance in parentheses. */
export function exportLabel(e: { label: string; source?: string }): string {
  return e.source ? `${e.label} (${e.source})` : e.label;
}

const LEGEND_ROW = 22;

/**
 * Rasterizes an inline SVG chart to a PNG at `scale` times its size on screen, on a white
 * background, with a title and the legend drawn above it: the SVG is serialized into a data URL
 * (same origin, so the canvas stays readable).
 */
export async function svgToPng(
  svg: SVGSVGElement,
  o: { title: string; legend: readonly LegendEntry[]; scale?: number },
): Promise<Blob> {
  const scale = o.scale ?? 2;
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Text takes the page's font; give the standalone image the same one.
  clone.setAttribute('font-family', getComputedStyle(svg).fontFamily);
  const xml = new XMLSerializer().serializeToString(clone);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await img.decode();
  // One legend entry per row: each names its curve's provenance, which needs the width.
  const perRow = o.legend.some((e) => e.source) ? 1 : Math.max(1, Math.floor(width / 170));
  const top = LEGEND_ROW * (1 + Math.ceil(o.legend.length / perRow)) + 6;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round((height + top) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw the chart into an image');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.fillStyle = '#111111';
  ctx.font = `600 14px ${getComputedStyle(svg).fontFamily}`;
  ctx.fillText(o.title, 8, 16);
  ctx.font = `12px ${getComputedStyle(svg).fontFamily}`;
  o.legend.forEach((e, k) => {
    const x = 8 + (k % perRow) * 170;
    const y = LEGEND_ROW * (1 + Math.floor(k / perRow)) + 10;
    ctx.strokeStyle = e.color;
    ctx.lineWidth = 2.5;
    ctx.setLineDash(e.dashed ? [6, 4] : []);
    ctx.beginPath();
    ctx.moveTo(x, y - 4);
    ctx.lineTo(x + 24, y - 4);
    ctx.stroke();
    ctx.fillStyle = '#111111';
    ctx.fillText(exportLabel(e), x + 30, y, width - x - 38);
  });
  ctx.drawImage(img, 0, top, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the chart could not be encoded as PNG'))),
      'image/png',
    ),
  );
}
