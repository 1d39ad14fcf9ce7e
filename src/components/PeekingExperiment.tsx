import { useEffect, useState } from 'react';
import { ceilPercent, floorPercent } from '../smoothing';
import { PEEKING_CHECKPOINT, PEEKING_DEFAULT } from '../lesson/peekingCheckpoint';
import {
  median,
  peekingExperiment,
  rateInterval,
  readRate,
  type MethodTally,
  type PeekingOptions,
  type PeekingResult,
} from '../lesson/peeking';
import { Checkpoint } from './Checkpoint';
import { projectable, ProjectorToggle, useProjected } from './Projector';
import { SectionHeading } from './SectionHeading';
import { TaskRunner } from '../tasks/runner';
import { yieldToPage } from '../tasks/yieldToPage';
import './experiment.css';

const CASES = [
  {
    label: 'p_A = 0.5 (a tie), claim p_A > 1/2',
    pA: 0.5,
    target: 0.5,
  },
  {
    label: 'p_A = 0.9, claim p_A > 0.9',
    pA: 0.9,
    target: 0.9,
  },
];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** One method's row: its false-claim share with the 95% Monte Carlo interval, and a reading. */
function Row({
  name,
  tally,
  runs,
  alpha,
  testId,
}: {
  name: string;
  tally: MethodTally;
  runs: number;
  alpha: number;
  testId: string;
}) {
  const [lo, hi] = rateInterval(tally.claims, runs);
  const verdict = readRate(tally.claims, runs, alpha);
  const at = median(tally.claimedAt);
  return (
    <tr data-testid={testId} data-claims={tally.claims} data-verdict={verdict}>
      <th scope="row">{name}</th>
      <td>
        {tally.claims.toLocaleString('en')} ({ceilPercent(tally.claims / runs)})
      </td>
      <td>
        {floorPercent(lo)} to {ceilPercent(hi)}
      </td>
      <td>{Number.isNaN(at) ? '—' : at.toLocaleString('en')}</td>
      <td>
        {verdict === 'above'
          ? `Above α = ${pct(alpha)}: its whole interval is; the promise is broken.`
          : `Within α = ${pct(alpha)}: its interval reaches α or below, as promised.`}
      </td>
    </tr>
  );
}

/**
 * The peeking trap, measured (its own section of "Check the lesson code"): a predict-then-reveal
 * checkpoint, then many seeded runs with a known p_A comparing Clopper-Pearson read after every
 * batch, the anytime-valid bound read the same way, and fixed-n CERTIFY, each with its 95% Monte
 * Carlo interval. The result keeps the options it ran with.
 */
export function PeekingExperiment() {
  const [caseIndex, setCaseIndex] = useState(0);
  const [alpha, setAlpha] = useState(PEEKING_DEFAULT.alpha);
  const [runs, setRuns] = useState(PEEKING_DEFAULT.runs);
  const [result, setResult] = useState<{ options: PeekingOptions; r: PeekingResult; done: boolean } | null>(
    null,
  );
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runner] = useState(() => new TaskRunner());
  useEffect(() => () => runner.cancel(), [runner]);
  const c = CASES[caseIndex]!;

  const run = () => {
    const options: PeekingOptions = { ...PEEKING_DEFAULT, pA: c.pA, target: c.target, alpha, runs };
    setRunning(true);
    setResult(null);
    setError(null);
    // Stop cancels the task: the partial result on screen stays, marked partial.
    runner.start<PeekingResult, PeekingResult>(
      (signal, report) =>
        peekingExperiment(options, async (partial) => {
          if (signal.aborted) return false;
          report(partial);
          await yieldToPage();
          return !signal.aborted;
        }),
      {
        progress: (partial) => setResult({ options, r: partial, done: false }),
        done: (r) => {
          setResult({ options, r, done: true });
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

  const o = result?.options;
  const projected = useProjected('peeking');
  return (
    <section aria-labelledby="peeking-title" className="experiment" data-testid="peeking">
      <SectionHeading id="peeking-title">
        The peeking trap: reading p_lower while the votes stream
      </SectionHeading>
      <p>
        In the lab the votes arrive in batches and p_lower updates after each one. It is tempting to stop as
        soon as it certifies. CERTIFY’s Clopper-Pearson bound promises to be wrong in at most a share α of
        runs only at the n fixed before the run; an <em>anytime-valid</em> bound (a confidence sequence,
        Howard et al. 2021) keeps its promise at every n, so it may be read after every batch.
      </p>
      <Checkpoint def={PEEKING_CHECKPOINT} />
      <p>
        Each run streams {PEEKING_DEFAULT.n.toLocaleString('en')} simulated votes with a known p_A and, on the
        same votes, certifies three ways: Clopper-Pearson read after every {PEEKING_DEFAULT.batch} votes,
        stopping at the first claim; the anytime-valid bound read the same way; and fixed-n CERTIFY (one bound
        after all votes). Since p_A is at most the claimed value, every claim is false.
      </p>
      <div className="row">
        <label>
          Peeking case{' '}
          <select value={caseIndex} onChange={(e) => setCaseIndex(Number(e.target.value))} disabled={running}>
            {CASES.map((q, i) => (
              <option key={q.label} value={i}>
                {q.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Peeking α{' '}
          <select value={alpha} onChange={(e) => setAlpha(Number(e.target.value))} disabled={running}>
            {[0.05, 0.01].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          simulated streams{' '}
          <select value={runs} onChange={(e) => setRuns(Number(e.target.value))} disabled={running}>
            {[500, 1000, 2000].map((r) => (
              <option key={r} value={r}>
                {r.toLocaleString('en')}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="button" data-testid="peeking-run" onClick={run}>
            Run the peeking experiment
          </button>
        )}
      </div>
      {error && (
        <p className="notice notice-warn" role="alert">
          The experiment failed: {error}
        </p>
      )}
      {result && o && (
        <div
          {...projectable('peeking-result', 'peeking', 'the peeking table', projected)}
          data-testid="peeking-result"
          data-runs={result.r.runs}
          data-done={result.done}
        >
          <ProjectorToggle id="peeking" title="the peeking table" />
          <p role="status">
            {result.done ? 'Done: ' : running ? 'Running: ' : 'Stopped (partial): '}
            {result.r.runs.toLocaleString('en')} of {o.runs.toLocaleString('en')} runs, p_A = {o.pA}, claim
            p_A &gt; {o.target}, α = {o.alpha}, {o.n.toLocaleString('en')} votes read after every {o.batch}.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Peeking experiment results">
            <table className="data-table">
              <caption>
                False certificates by method, with 95% Monte Carlo intervals (Clopper-Pearson)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">False claims</th>
                  <th scope="col">95% interval</th>
                  <th scope="col">Median votes at the claim</th>
                  <th scope="col">Reading</th>
                </tr>
              </thead>
              <tbody>
                <Row
                  name={`Clopper-Pearson, read after every ${o.batch} votes`}
                  tally={result.r.cpPeeking}
                  runs={result.r.runs}
                  alpha={o.alpha}
                  testId="peeking-cp"
                />
                <Row
                  name={`Anytime-valid, read after every ${o.batch} votes`}
                  tally={result.r.anytimePeeking}
                  runs={result.r.runs}
                  alpha={o.alpha}
                  testId="peeking-anytime"
                />
                <Row
                  name={`Fixed-n CERTIFY, read once at n = ${o.n.toLocaleString('en')}`}
                  tally={result.r.fixedN}
                  runs={result.r.runs}
                  alpha={o.alpha}
                  testId="peeking-fixed"
                />
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
