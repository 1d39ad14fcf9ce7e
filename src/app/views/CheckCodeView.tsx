import { useRef, useState } from 'react';
import { NumberSelect } from '../../components/NumberSelect';
import { PeekingExperiment } from '../../components/PeekingExperiment';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { coverageExperiment, readFailureRate, type CoverageResult } from '../../lesson/coverage';

/** The experiment's choices: alpha, and how many simulated certifications to run. */
const ALPHAS = [0.001, 0.01, 0.05];
const RUNS = [200, 1000, 2000, 5000, 10_000, 20_000];

const PRESETS = [
  { label: 'p_A = 0.99, n = 100', pA: 0.99, n: 100 },
  { label: 'p_A = 0.9, n = 100', pA: 0.9, n: 100 },
  { label: 'p_A = 0.7, n = 1,000', pA: 0.7, n: 1000 },
];

/**
 * "Check the lesson's code" (the fifth view, docs/ARCHITECTURE.md): the lesson's snippet beside CERTIFY, and a
 * coverage experiment on a simulated classifier with a known p_A.
 */
export function CheckCodeView() {
  const [preset, setPreset] = useState(0);
  const [alpha, setAlpha] = useState(0.01);
  const [runs, setRuns] = useState(1000);
  const [result, setResult] = useState<CoverageResult | null>(null);
  const [running, setRunning] = useState(false);
  const stop = useRef(false);
  const p = PRESETS[preset]!;

  const run = async () => {
    stop.current = false;
    setRunning(true);
    setResult(null);
    const r = await coverageExperiment(
      { pA: p.pA, n: p.n, n0: 100, alpha, runs, seed: 1 },
      async (_, partial) => {
        setResult(partial);
        await new Promise((res) => setTimeout(res, 0));
        return !stop.current;
      },
    );
    setResult(r);
    setRunning(false);
  };

  const pct = (k: number, n: number) => (n ? (100 * k) / n : 0);
  const certifyReading = result ? readFailureRate(result.certifyFailures, result.runs, alpha) : null;
  const snippetReading = result ? readFailureRate(result.snippetFailures, result.runs, alpha) : null;
  // Each bar carries its 95% Monte Carlo interval as an error bar (percent).
  const bar = (method: string, k: number, r: ReturnType<typeof readFailureRate>) => ({
    method,
    share: pct(k, result!.runs),
    err: [100 * (r.rate - r.lower), 100 * (r.upper - r.rate)],
    verdict: r.verdict,
  });
  const data =
    result && certifyReading && snippetReading
      ? [
          bar('CERTIFY (Clopper-Pearson)', result.certifyFailures, certifyReading),
          bar('Lesson snippet', result.snippetFailures, snippetReading),
        ]
      : [];

  return (
    <div className="check">
      <div className="code-panels">
        <section className="code-panel" aria-labelledby="snippet-title">
          <h3 id="snippet-title">The lesson's snippet, in outline</h3>
          <ol className="pseudo">
            <li>Draw n noisy copies and let the model vote.</li>
            <li>
              Take the class with most votes, and its count k, <strong>from those same n votes</strong>.
              <span className="flaw">
                {' '}
                Flaw 1: the winner is chosen by the data that then measures it, so its count is flattered.
              </span>
            </li>
            <li>
              p_lower = binom.ppf(α, n, k/n) / n.
              <span className="flaw">
                {' '}
                Flaw 2: this is the α-quantile of a binomial whose success rate is set to the estimate k/n. It
                treats the estimate as the truth, so it is not a confidence bound; when all n votes agree, k/n
                = 1 and p_lower = 1.
              </span>
            </li>
            <li>If p_lower &gt; ½, radius = σ·Φ⁻¹(p_lower): infinite when p_lower = 1.</li>
          </ol>
        </section>
        <section className="code-panel" aria-labelledby="certify-title">
          <h3 id="certify-title">CERTIFY (Cohen et al. 2019, Algorithm 1)</h3>
          <ol className="pseudo">
            <li>Draw n0 noisy copies; their winner c_A is only a candidate.</li>
            <li>Draw n fresh copies and count n_A, the votes for c_A among them.</li>
            <li>
              p_lower = the one-sided (1 − α) Clopper-Pearson bound on n_A/n, a Beta quantile: B⁻¹(α; n_A, n −
              n_A + 1). Whatever the true p_A, it overshoots with probability at most α.
            </li>
            <li>
              If p_lower &gt; ½, return c_A with R = σ·Φ⁻¹(p_lower); otherwise abstain. With all votes for
              c_A, p_lower = α^(1/n) &lt; 1.
            </li>
          </ol>
        </section>
      </div>
      <section aria-labelledby="exp-title" className="experiment">
        <h3 id="exp-title">Coverage experiment</h3>
        <p>
          A simulated classifier votes for class A with a known probability p_A. Each run certifies with both
          methods; a run <em>fails</em> when the reported p_lower is above the true probability of the class
          it certified. A correct (1 − α) bound fails with probability at most α in each run.
        </p>
        <p className="hint" data-testid="sampling-error-note">
          The share of failures you count is itself a random number: over 1,000 runs a true rate of 1% gives
          between 4 and 17 failures in 95% of experiments. So each count below comes with its 95% interval
          (Clopper-Pearson on the runs), and a promise is broken only when the whole interval lies above α.
          Raise the number of runs to narrow the interval.
        </p>
        <div className="row">
          <NumberSelect
            id="coverage-case"
            label="Case"
            value={preset}
            choices={PRESETS.map((q, i) => ({ value: i, label: q.label }))}
            disabled={running}
            onChange={setPreset}
          />
          <NumberSelect
            id="coverage-alpha"
            label="α"
            value={alpha}
            choices={ALPHAS.map((a) => ({ value: a, label: String(a) }))}
            disabled={running}
            onChange={setAlpha}
          />
          <NumberSelect
            id="coverage-runs"
            label="runs"
            value={runs}
            choices={RUNS.map((r) => ({ value: r, label: r.toLocaleString('en') }))}
            disabled={running}
            onChange={setRuns}
          />
          {running ? (
            <button type="button" onClick={() => (stop.current = true)}>
              Stop
            </button>
          ) : (
            <button type="button" data-testid="coverage-run" onClick={() => void run()}>
              Run the experiment
            </button>
          )}
        </div>
        {result && (
          <div
            data-testid="coverage-result"
            data-runs={result.runs}
            data-certify={result.certifyFailures}
            data-snippet={result.snippetFailures}
          >
            <p role="status">
              {running ? 'Running… ' : 'Done. '}
              {result.runs.toLocaleString('en')} runs. CERTIFY failed in {result.certifyFailures}; the snippet
              failed in {result.snippetFailures} and reported an infinite radius {result.snippetInfinite}{' '}
              times. Promise: at most α = {+(100 * alpha).toPrecision(3)}%.
            </p>
            <ul className="readings">
              <li data-testid="coverage-reading-certify" data-verdict={certifyReading!.verdict}>
                CERTIFY: {certifyReading!.text}.
              </li>
              <li data-testid="coverage-reading-snippet" data-verdict={snippetReading!.verdict}>
                Lesson snippet: {snippetReading!.text}.
              </li>
            </ul>
            <div aria-hidden="true" className="chart">
              <ResponsiveContainer width="100%" height={200}>
                <BarChart
                  data={data}
                  layout="vertical"
                  margin={{ left: 40, right: 20 }}
                  accessibilityLayer={false}
                >
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis
                    type="number"
                    unit="%"
                    domain={[0, Math.max(2 * 100 * alpha, ...data.map((d) => d.share + d.err[1]!))]}
                    tickFormatter={(v: number) => String(+v.toPrecision(3))}
                  />
                  <YAxis type="category" dataKey="method" width={170} />
                  <ReferenceLine
                    x={100 * alpha}
                    stroke="#b3261e"
                    strokeDasharray="4 3"
                    label={{ value: 'α', position: 'top' }}
                  />
                  <Bar dataKey="share" isAnimationActive={false}>
                    {data.map((d) => (
                      <Cell key={d.method} fill={d.verdict === 'breaks' ? '#b3261e' : '#1f5fbf'} />
                    ))}
                    <ErrorBar dataKey="err" direction="x" width={8} stroke="#1b1b1b" />
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
        )}
      </section>
      <PeekingExperiment />
      <SectionCheckpoints section="check" />
    </div>
  );
}
