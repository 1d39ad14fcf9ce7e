import { useEffect, useState } from 'react';
import { CoverageChart } from './CoverageChart';
import { NumberSelect } from './NumberSelect';
import { projectable, ProjectorToggle, useProjected } from './Projector';
import {
  coverageExperiment,
  COVERAGE_CASES,
  DEFAULT_COVERAGE,
  readFailureRate,
  type CoverageResult,
} from '../lesson/coverage';
import { certifyCoverage, coverageCaseClaims } from '../smoothing';
import { SectionHeading } from './SectionHeading';
import { TaskRunner } from '../tasks/runner';
import { yieldToPage } from '../tasks/yieldToPage';
import './experiment.css';

/** The experiment's choices: alpha, and how many simulated certifications to run. */
const ALPHAS = [0.001, 0.01, 0.05];
const RUNS = [200, 1000, 2000, 5000, 10_000, 20_000];

/** What the chosen case can show, with the numbers it depends on (worded by the claims module). */
function CaseNote({ pA, n, alpha }: { pA: number; n: number; alpha: number }) {
  const c = coverageCaseClaims(pA, n, alpha);
  return (
    <p className="hint" data-testid="coverage-case-note">
      {c.snippet} {c.certify}
      {c.rare && ` ${c.rare}`}
    </p>
  );
}

/**
 * The coverage experiment of "Check the lesson's code": a simulated classifier with a known p_A,
 * certified many times by the lesson's snippet and by CERTIFY, with each method's failure rate and
 * its 95% interval. Used by the view and by the embedded `coverage` widget.
 */
export function CoverageExperiment() {
  const [preset, setPreset] = useState<number>(DEFAULT_COVERAGE.caseIndex);
  const [alpha, setAlpha] = useState<number>(DEFAULT_COVERAGE.alpha);
  const [runs, setRuns] = useState<number>(DEFAULT_COVERAGE.runs);
  const [result, setResult] = useState<CoverageResult | null>(null);
  // The last complete run's wall time in ms (repaints between batches included), or null.
  const [ms, setMs] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runner] = useState(() => new TaskRunner());
  useEffect(() => () => runner.cancel(), [runner]);
  const p = COVERAGE_CASES[preset]!;
  const projected = useProjected('coverage');

  const run = () => {
    setRunning(true);
    setResult(null);
    setMs(null);
    setError(null);
    const t0 = performance.now();
    const options = { pA: p.pA, n: p.n, n0: DEFAULT_COVERAGE.n0, alpha, runs, seed: DEFAULT_COVERAGE.seed };
    // Stop cancels the task: the partial result on screen stays, with no time (not a complete run).
    runner.start<CoverageResult, CoverageResult>(
      (signal, report) =>
        coverageExperiment(options, async (_, partial) => {
          report(partial);
          await yieldToPage();
          return !signal.aborted;
        }),
      {
        progress: setResult,
        done: (r) => {
          setResult(r);
          setMs(performance.now() - t0);
          setRunning(false);
        },
        failed: (message) => {
          setError(message);
          setRunning(false);
        },
      },
    );
  };
  const stop = () => {
    runner.cancel();
    setRunning(false);
  };

  const certifyReading = result ? readFailureRate(result.certifyFailures, result.runs, alpha) : null;
  const snippetReading = result ? readFailureRate(result.snippetFailures, result.runs, alpha) : null;
  const bar = (id: string, label: string, r: ReturnType<typeof readFailureRate>) => ({
    id,
    label,
    rate: r.rate,
    lower: r.lower,
    upper: r.upper,
    breaks: r.verdict === 'breaks',
    text: r.text,
  });
  const bars =
    certifyReading && snippetReading
      ? [bar('certify', 'CERTIFY', certifyReading), bar('snippet', 'Lesson snippet', snippetReading)]
      : [];

  return (
    <section aria-labelledby="exp-title" className="experiment">
      <SectionHeading id="exp-title">Coverage experiment</SectionHeading>
      <p>
        A simulated classifier votes for class A with a known probability p_A. Each run certifies with both
        methods; a run <em>fails</em> when the reported p_lower is above the true probability of the class it
        certified. {certifyCoverage(null).perRun}
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
          choices={COVERAGE_CASES.map((q, i) => ({ value: i, label: q.label }))}
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
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="button" data-testid="coverage-run" onClick={run}>
            Run the experiment
          </button>
        )}
      </div>
      <CaseNote pA={p.pA} n={p.n} alpha={alpha} />
      {error && (
        <p className="notice notice-warn" role="alert">
          The experiment failed: {error}
        </p>
      )}
      {result && (
        <div
          {...projectable('coverage-result', 'coverage', 'the coverage chart', projected, true)}
          data-testid="coverage-result"
          data-runs={result.runs}
          data-certify={result.certifyFailures}
          data-snippet={result.snippetFailures}
          data-ms={ms === null ? undefined : Math.round(ms)}
        >
          <ProjectorToggle id="coverage" title="the coverage chart" />
          <p role="status">
            {running ? 'Running… ' : 'Done. '}
            {result.runs.toLocaleString('en')} runs
            {ms === null ? '' : ` in ${(ms / 1000).toFixed(1)} s`}. CERTIFY failed in {result.certifyFailures}
            ; the snippet failed in {result.snippetFailures} and reported an infinite radius{' '}
            {result.snippetInfinite} times. Promise: {certifyCoverage(alpha).promise}.
          </p>
          <ul className="readings">
            <li
              data-testid="coverage-reading-certify"
              data-verdict={certifyReading!.verdict}
              data-rate={certifyReading!.rate}
              data-lower={certifyReading!.lower}
              data-upper={certifyReading!.upper}
            >
              CERTIFY: {certifyReading!.text}.
            </li>
            <li
              data-testid="coverage-reading-snippet"
              data-verdict={snippetReading!.verdict}
              data-rate={snippetReading!.rate}
              data-lower={snippetReading!.lower}
              data-upper={snippetReading!.upper}
            >
              Lesson snippet: {snippetReading!.text}.
            </li>
          </ul>
          <CoverageChart bars={bars} alpha={alpha} />
        </div>
      )}
    </section>
  );
}
