import { describe, expect, it } from 'vitest';
import { SHIPPED_RUN } from '../../../models/shippedRun';
import { abstentionRate, certifiedAccuracy, type CertifyRow } from '../../../smoothing';
import { runKey, type TradeoffRun } from '../../../store/tradeoffSlice';
import { chartRadii, jobsFor, liveChartCurves, liveMismatchCells, resultsJson } from '../curves';
import type { TradeoffJob } from '../run';

const p = { count: 3, n0: 10, n: 100, alpha: 0.001, seed: 0 };
const row = (idx: number, predict: number, radius: number, label = predict): CertifyRow => ({
  idx,
  label,
  predict,
  radius,
  correct: predict === label,
  time: 0,
});

describe('trade-off curves', () => {
  it('jobsFor: the four diagonal runs, and sixteen more for the matrix', () => {
    const diag = jobsFor('mlp', false);
    expect(diag.map((j) => j.modelId)).toEqual(['mlp-0.12', 'mlp-0.25', 'mlp-0.50', 'mlp-1.00']);
    expect(diag.every((j) => j.sigma === j.sigmaTrain)).toBe(true);
    const all = jobsFor('mlp', true);
    expect(all).toHaveLength(20);
    expect(new Set(all.map((j) => `${j.modelId}@${j.sigma}`)).size).toBe(20);
  });

  it('liveMismatchCells: only complete runs, with the same accuracies as the rows give', () => {
    const jobs = jobsFor('cnn', true);
    const full = [row(0, 1, 0.6), row(1, -1, 0, 2), row(2, 3, 0.2, 4)];
    const runs: Record<string, TradeoffRun> = {};
    const put = (j: TradeoffJob, rows: CertifyRow[]) =>
      (runs[runKey(j.modelId, j.sigma, p)] = { ...j, rows, count: p.count });
    put(jobs[0]!, full);
    put(jobs[1]!, full.slice(0, 2)); // still running: no cell yet
    const cells = liveMismatchCells(jobs, (j) => runs[runKey(j.modelId, j.sigma, p)], p);
    expect(cells).toHaveLength(1);
    const [acc0, acc05] = certifiedAccuracy(full, [0, 0.5]);
    expect(cells[0]).toEqual({
      model: jobs[0]!.modelId,
      sigmaTrain: jobs[0]!.sigmaTrain,
      sigma: jobs[0]!.sigma,
      accAt0: acc0,
      accAt05: acc05,
      abstain: abstentionRate(full),
    });
    expect(acc0).toBeCloseTo(1 / 3);
  });

  it('labels a partial curve with its digits so far, and keeps every row in the results JSON', () => {
    const job = { modelId: 'mlp-0.25', sigmaTrain: 0.25, sigma: 0.25 };
    const run = { ...job, rows: [row(0, 1, 0.3)], count: 3 };
    const live = [
      { sigma: 0.25, job, run },
      { sigma: 0.5, job: { ...job, sigma: 0.5 }, run: undefined },
    ];
    const curves = liveChartCurves(live, [0, 0.5], p);
    expect(curves.map((c) => c.label)).toEqual(['σ = 0.25 (1/3)']);
    expect(curves[0]!.values).toEqual([1, 0]);
    expect(JSON.parse(resultsJson(live))).toEqual({ '0.25': [[0, 1, 0.3]] });
  });

  it('chartRadii reaches past the largest R_max shown, in steps of 0.02', () => {
    const r = chartRadii(100, 0.001, []);
    expect(r[0]).toBe(0);
    expect(r[1]).toBe(0.02);
    expect(chartRadii(100, 0.001, [SHIPPED_RUN]).length).toBeGreaterThan(r.length);
  });

  it('chartRadii widens for every stored run shown, not only the shipped one', () => {
    const shipped = chartRadii(100, 0.001, [SHIPPED_RUN]);
    const bigger = { n: 1_000_000, alpha: 0.001 };
    expect(chartRadii(100, 0.001, [SHIPPED_RUN, bigger]).at(-1)).toBeGreaterThan(shipped.at(-1)!);
    expect(chartRadii(100, 0.001, [bigger, SHIPPED_RUN])).toEqual(chartRadii(100, 0.001, [bigger]));
  });
});
