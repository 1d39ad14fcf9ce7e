import { useState, type RefObject } from 'react';
import type { ChartCurve } from '../../components/TradeoffChart';
import type { Arch } from '../../store/tradeoffSlice';
import { curvesCsv, downloadBlob, svgToPng } from './download';
import type { CurveParams } from './curves';

/**
 * The trade-off chart's exports: its curves as CSV (one column per curve, named with its provenance)
 * and the drawn chart as PNG with a title and legend, and `notes` below it (the published curves'
 * source and their gap to ours, when shown); `note` says what happened to the last export.
 */
export function useExports(
  chartRef: RefObject<HTMLDivElement | null>,
  radii: readonly number[],
  curves: readonly ChartCurve[],
  arch: Arch,
  p: CurveParams,
  notes: readonly string[] = [],
) {
  const [note, setNote] = useState('');
  const name = `certified-accuracy-${arch}-${p.count}digits-n${p.n}`;
  const exportCsv = () => {
    downloadBlob(new Blob([curvesCsv(radii, curves)], { type: 'text/csv' }), `${name}.csv`);
    setNote(
      'Saved the curves as CSV: one column per curve, accuracy as a fraction, each column named with where its curve came from (model, digits, n0, n, alpha, seed; for a published curve its paper, training data and source).',
    );
  };
  const exportPng = async () => {
    const svg = chartRef.current?.querySelector('.recharts-wrapper > svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) return setNote('There is no chart to save yet.');
    try {
      downloadBlob(
        await svgToPng(svg, {
          title: `Certified accuracy against L2 radius (${arch.toUpperCase()}, first ${p.count} digits, n0 ${p.n0}, n ${p.n}, alpha ${p.alpha}, seed ${p.seed})`,
          legend: curves,
          notes,
        }),
        `${name}.png`,
      );
      setNote('Saved the chart as PNG.');
    } catch (e) {
      setNote(`The chart could not be saved: ${(e as Error).message}`);
    }
  };
  return { note, exportCsv, exportPng };
}
