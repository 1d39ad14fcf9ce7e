import { useId, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { bmpDataUrl } from './bmp';

/** The plotted square in data units: [-EXTENT, EXTENT]^2. */
export const EXTENT = 2;
const S = 380; // plot side, in SVG units
const ML = 36; // left margin (y tick labels)
const MT = 16; // top margin: room for the top y label at presentation sizes
const VIEW = ML + S + 10;
const px = (x: number) => ML + ((x + EXTENT) / (2 * EXTENT)) * S;
const py = (y: number) => MT + ((EXTENT - y) / (2 * EXTENT)) * S;
/** Length in SVG units of a distance in data units. */
const len = (d: number) => (d / (2 * EXTENT)) * S;
const TICKS = [-2, -1, 0, 1, 2];
/** Cursor step of an arrow key, and of Shift + arrow, in data units. */
const STEP = 0.1;
const BIG_STEP = 0.5;

/** Fill colour of each class's points and regions (class 0 blue, class 1 orange). */
export const CLASS_INK = ['#1f5fbf', '#b34d00'] as const;
const REGION_RGB = [
  [196, 216, 246],
  [252, 214, 180],
] as const;

/** A square grid of P(class 1) in [0, 1] (NaN: unknown, drawn blank), row 0 at the top (y = EXTENT), over [-EXTENT, EXTENT]^2. */
export interface RegionGrid {
  cells: number;
  values: Float32Array;
}

export interface GeoPlotProps {
  points: readonly (readonly [number, number])[];
  labels: readonly number[];
  regions: RegionGrid | null;
  cursor: readonly [number, number];
  selected: readonly [number, number] | null;
  /** Noisy copies of the selected point with the base prediction of each. */
  cloud: readonly { p: readonly [number, number]; c: number }[];
  /** Certified L2 radius of smoothing (data units), or null for none / ABSTAIN. */
  radius: number | null;
  /** Exact distance to the linear boundary (data units), or null. */
  distance: number | null;
  /** IBP's certified L-infinity radius (half side of a square), or null. */
  box: number | null;
  /** Ray search: the first change of the smoothed prediction found on each ray (data units). */
  rayHits?: readonly (readonly [number, number])[];
  /** Ray search: the nearest change found, and its distance from the selected point; null for none. */
  rayNearest?: { point: readonly [number, number]; distance: number } | null;
  /** Attack: x, each PGD iterate, the adversarial point; drawn as arrows. Empty for none. */
  attackPath?: readonly (readonly [number, number])[];
  /** Attack: the L2 budget eps (data units) drawn as a circle around the selected point, or null. */
  eps?: number | null;
  label: string;
  onCursor: (p: [number, number]) => void;
  onSelect: (p: [number, number]) => void;
}

const clamp = (v: number) => Math.max(-EXTENT, Math.min(EXTENT, Math.round(v * 100) / 100));

/** Side in pixels of the region image; each cell is drawn as a flat block of whole pixels. */
const IMAGE_SIDE = 240;

/**
 * Draws a region grid into a data URL, tinted by class and blended by P(class 1). Grids coarser than
 * IMAGE_SIDE are drawn as flat blocks (nearest cell), so a coarse Monte Carlo grid looks coarse.
 * An uncompressed BMP (./bmp.ts): encoding a PNG of this size blocked the page for up to 500 ms.
 */
function regionImage(g: RegionGrid): string {
  const side = Math.max(IMAGE_SIDE, g.cells);
  const data = new Uint8ClampedArray(side * side * 4);
  const [c0, c1] = REGION_RGB;
  for (let r = 0; r < side; r++) {
    const row = Math.floor((r * g.cells) / side);
    for (let c = 0; c < side; c++) {
      const p = g.values[row * g.cells + Math.floor((c * g.cells) / side)] ?? NaN;
      const o = 4 * (r * side + c);
      for (let k = 0; k < 3; k++) data[o + k] = Math.round((1 - p) * (c0[k] ?? 0) + p * (c1[k] ?? 0));
      data[o + 3] = Number.isNaN(p) ? 0 : 255; // cells not computed yet stay transparent
    }
  }
  return bmpDataUrl(data, side, side);
}

/**
 * The 2D plot over [-2, 2]^2: decision regions, the dataset, the cursor, and for the selected point its
 * noise cloud, the certified circle, the exact distance circle, the IBP box, the changes of the smoothed
 * prediction found by the ray search (dots, and a dash-dot circle through the nearest), and a PGD
 * attack's path as arrows inside its L2 ball. Focusable: arrow keys move
 * the cursor (Shift for larger steps), Enter or Space selects it; a click selects the point clicked.
 */
export function GeoPlot(props: GeoPlotProps) {
  const { regions, cursor, selected, radius, distance, box } = props;
  const { rayHits = [], rayNearest = null, attackPath = [], eps = null } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const arrowId = `${useId().replace(/:/g, '')}-arrow`;
  const href = useMemo(() => (regions ? regionImage(regions) : null), [regions]);

  const onKeyDown = (e: KeyboardEvent) => {
    const d = e.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-d, 0],
      ArrowRight: [d, 0],
      ArrowUp: [0, d],
      ArrowDown: [0, -d],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      props.onCursor([clamp(cursor[0] + m[0]), clamp(cursor[1] + m[1])]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect([cursor[0], cursor[1]]);
    }
  };

  const onClick = (e: MouseEvent) => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return;
    const scale = rect.width / VIEW;
    const vx = (e.clientX - rect.left) / scale;
    const vy = (e.clientY - rect.top) / scale;
    const p: [number, number] = [
      clamp(((vx - ML) / S) * 2 * EXTENT - EXTENT),
      clamp(EXTENT - ((vy - MT) / S) * 2 * EXTENT),
    ];
    props.onCursor(p);
    props.onSelect(p);
  };

  return (
    <div
      className="geo-plot"
      role="application"
      tabIndex={0}
      aria-label={props.label}
      aria-roledescription="plot"
      data-testid="geo-plot"
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      <svg ref={svgRef} viewBox={`0 0 ${VIEW} ${VIEW}`} aria-hidden="true">
        <defs>
          <marker
            id={arrowId}
            viewBox="0 0 10 10"
            refX={9}
            refY={5}
            markerWidth={5}
            markerHeight={5}
            orient="auto-start-reverse"
          >
            <path d="M0,0L10,5L0,10z" className="geo-arrow-head" />
          </marker>
        </defs>
        <rect x={ML} y={MT} width={S} height={S} fill="#f4f6f9" />
        {href && <image href={href} x={ML} y={MT} width={S} height={S} preserveAspectRatio="none" />}
        {TICKS.map((t) => (
          <g key={t} className="geo-axis">
            <line x1={px(t)} x2={px(t)} y1={MT} y2={MT + S} />
            <line x1={ML} x2={ML + S} y1={py(t)} y2={py(t)} />
            <text x={px(t)} y={MT + S + 14} textAnchor="middle">
              {t}
            </text>
            <text x={ML - 6} y={py(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {props.points.map(([x, y], i) => (
          <circle
            key={i}
            cx={px(x)}
            cy={py(y)}
            r={2.6}
            fill={CLASS_INK[props.labels[i] === 1 ? 1 : 0]}
            stroke="#fff"
            strokeWidth={0.6}
          />
        ))}
        {props.cloud.map(({ p, c }, i) => (
          <circle
            key={i}
            cx={px(p[0])}
            cy={py(p[1])}
            r={1.6}
            fill={CLASS_INK[c === 1 ? 1 : 0]}
            opacity={0.55}
          />
        ))}
        {selected && box !== null && box > 0 && (
          <rect
            className="geo-box"
            x={px(selected[0] - box)}
            y={py(selected[1] + box)}
            width={2 * len(box)}
            height={2 * len(box)}
          />
        )}
        {selected && distance !== null && Number.isFinite(distance) && (
          <circle className="geo-distance" cx={px(selected[0])} cy={py(selected[1])} r={len(distance)} />
        )}
        {selected && radius !== null && radius > 0 && (
          <circle className="geo-radius" cx={px(selected[0])} cy={py(selected[1])} r={len(radius)} />
        )}
        {rayHits.map(([x, y], i) => (
          <circle key={i} className="geo-ray-hit" cx={px(x)} cy={py(y)} r={2.4} />
        ))}
        {selected && rayNearest && (
          <>
            <circle
              className="geo-ray"
              data-testid="geo-ray-circle"
              cx={px(selected[0])}
              cy={py(selected[1])}
              r={len(rayNearest.distance)}
            />
            <path
              className="geo-ray-nearest"
              d={`M${px(rayNearest.point[0]) - 4},${py(rayNearest.point[1]) - 4}l8,8m0,-8l-8,8`}
            />
          </>
        )}
        {selected && eps !== null && eps > 0 && (
          <circle className="geo-eps" cx={px(selected[0])} cy={py(selected[1])} r={len(eps)} />
        )}
        {attackPath.length > 1 && (
          <g className="geo-attack" data-testid="geo-attack-arrows" data-arrows={attackPath.length - 1}>
            {attackPath.slice(1).map(([x, y], i) => {
              const [x0, y0] = attackPath[i]!;
              if (Math.hypot(x - x0, y - y0) < 1e-9) return null;
              return (
                <line key={i} x1={px(x0)} y1={py(y0)} x2={px(x)} y2={py(y)} markerEnd={`url(#${arrowId})`} />
              );
            })}
          </g>
        )}
        {selected && <circle className="geo-selected" cx={px(selected[0])} cy={py(selected[1])} r={2.5} />}
        <g className="geo-cursor">
          <line x1={px(cursor[0]) - 9} x2={px(cursor[0]) - 4} y1={py(cursor[1])} y2={py(cursor[1])} />
          <line x1={px(cursor[0]) + 4} x2={px(cursor[0]) + 9} y1={py(cursor[1])} y2={py(cursor[1])} />
          <line x1={px(cursor[0])} x2={px(cursor[0])} y1={py(cursor[1]) - 9} y2={py(cursor[1]) - 4} />
          <line x1={px(cursor[0])} x2={px(cursor[0])} y1={py(cursor[1]) + 4} y2={py(cursor[1]) + 9} />
        </g>
      </svg>
    </div>
  );
}
