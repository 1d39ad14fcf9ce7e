/** The embeddable widgets that work on the lab's input and run (see ./route.ts for the list). */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AnytimeBound } from '../../components/AnytimeBound';
import { AttackPanel } from '../../components/AttackPanel';
import { BackendBadge } from '../../components/BackendBadge';
import { CertificatePanel } from '../../components/CertificatePanel';
import { DigitCanvas } from '../../components/DigitCanvas';
import { DrawPad } from '../../components/DrawPad';
import { NoisyGrid } from '../../components/NoisyGrid';
import { ParamSlider } from '../../components/ParamSlider';
import { PhotoInput } from '../../components/PhotoInput';
import { RunStats } from '../../components/RunStats';
import { labInput, type DigitSet } from '../../data/digits';
import { useDigits } from '../../data/useDigits';
import { useCertifyRunner } from '../../engine/client/useEngine';
import { SIGMA_MARKS } from '../../models/ids';
import { useAppStore } from '../../store';
import { CertificateLine } from '../views/LimitsView';
import { VotesPanel } from '../../components/VotesPanel';
import { CompactCertificate } from './CompactCertificate';
import { useLaidOut } from './laidOut';
import { PlayButton } from './PlayButton';

/** The input the lab certifies: the drawn digit, or the test digit the URL names (clamped to the shipped set). */
export function useLabInput(): {
  set: DigitSet | null;
  index: number;
  x: Float32Array | null;
  drawn: boolean;
  error?: string;
} {
  const digit = useAppStore((s) => s.params.digit);
  const drawn = useAppStore((s) => s.drawn);
  const digits = useDigits(digit + 1); // only the first-digits file when it holds this digit
  const set = digits.status === 'ready' ? digits.set : null;
  const index = set ? Math.min(digit, set.count - 1) : digit;
  const x = useMemo(() => (set ? labInput(set, index, drawn) : drawn), [set, index, drawn]);
  // Laid out once the digits have arrived (or failed: the error is the layout then).
  useLaidOut(digits.status !== 'loading');
  return {
    set,
    index,
    x,
    drawn: drawn !== null,
    ...(digits.status === 'error' ? { error: digits.message } : {}),
  };
}

export function DigitStatus({ error }: { error?: string }) {
  if (error)
    return (
      <p className="notice notice-error" role="alert" data-testid="digits-error">
        {error}
      </p>
    );
  return <p role="status">Loading the test digits…</p>;
}

/** The input being certified, small, with its label. The box keeps its size while the digits load. */
function InputLine() {
  const { set, index, x, drawn, error } = useLabInput();
  const modelId = useAppStore((s) => s.modelId);
  return (
    <div className="embed-input">
      {set && x ? (
        <>
          <DigitCanvas
            pixels={x}
            size={56}
            label={drawn ? 'your drawing' : `test digit ${index}, a handwritten ${set.labels[index] ?? '?'}`}
          />
          <p className="hint">
            {drawn ? 'Your drawing' : `Test digit #${index} (label ${set.labels[index]})`}, model {modelId}.
          </p>
        </>
      ) : (
        <DigitStatus error={error} />
      )}
    </div>
  );
}

/**
 * Certifies the lab's input with the lab's settings, as the lab view does. A widget that shows a run
 * is laid out once its first run has ended (or failed, or was never started): only then are its
 * backend line, its certificate and its report (stop mode's included) at their final size, so
 * the first height it reports is the one it keeps while later runs stream.
 */
function Runner() {
  const { x } = useLabInput();
  useCertifyRunner(x);
  const settled = useAppStore((s) => s.status !== 'running' && (s.status !== 'idle' || !s.playing));
  const [ended, setEnded] = useState(false);
  if (settled && !ended) setEnded(true);
  useLaidOut(ended);
  return null;
}

/** The lab's vote histograms with their sliders, the certificate and the run status. */
export function HistogramWidget() {
  return (
    <div className="lab embed-histogram">
      <Runner />
      <section className="embed-controls" aria-label="Smoothing parameters">
        <InputLine />
        <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
        <ParamSlider paramKey="n" />
        <ParamSlider paramKey="n0" />
        <ParamSlider paramKey="alpha" />
        <div className="row">
          <PlayButton />
          <BackendBadge />
        </div>
      </section>
      <div className="embed-results">
        <VotesPanel />
        <CertificatePanel />
        <RunStats />
      </div>
    </div>
  );
}

/** Both histograms, p_lower and R in at most 420 px at 640 px wide. */
export function CompactWidget() {
  return (
    <div className="lab embed-compact">
      <Runner />
      <CompactCertificate />
    </div>
  );
}

/** The noisy copies x + sigma * z of the chosen digit, with a sigma slider. No engine needed. */
export function GridWidget() {
  const { x, error } = useLabInput();
  const { sigma, seed } = useAppStore(useShallow((s) => ({ sigma: s.params.sigma, seed: s.params.seed })));
  return (
    <div className="lab embed-grid">
      <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
      {x ? <NoisyGrid x={x} sigma={sigma} seed={seed} /> : <DigitStatus error={error} />}
    </div>
  );
}

/** Draw a digit or use a photo of one; the lab certifies it at once (compact result beside it). */
export function InputWidget() {
  const setDrawn = useAppStore((s) => s.setDrawn);
  const drawn = useAppStore((s) => s.drawn);
  return (
    <div className="lab embed-input-widget">
      <Runner />
      <div className="embed-sources">
        <section aria-labelledby="draw-title">
          <h2 id="draw-title">Draw a digit</h2>
          <DrawPad onUse={setDrawn} />
        </section>
        <section aria-labelledby="photo-title">
          <h2 id="photo-title">Or use a photo of one</h2>
          <PhotoInput onUse={setDrawn} />
          {drawn && (
            <button type="button" className="link" onClick={() => setDrawn(null)}>
              Back to the test digit
            </button>
          )}
        </section>
      </div>
      <InputLine />
      <CompactCertificate />
    </div>
  );
}

/** The anytime-valid bound beside the fixed-n one, with stop mode, on the lab's run. */
export function AnytimeWidget() {
  return (
    <div className="lab embed-anytime">
      <Runner />
      <section className="embed-controls" aria-label="Smoothing parameters">
        <InputLine />
        <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
        <ParamSlider paramKey="n" />
        <div className="row">
          <PlayButton />
          <BackendBadge />
        </div>
      </section>
      <div className="embed-results">
        <AnytimeBound />
        <RunStats />
      </div>
    </div>
  );
}

/** The lab certifies its input, then a PGD attack of the student's size tries to break it. */
export function AttackWidget() {
  const { x } = useLabInput();
  return (
    <div className="lab embed-attack">
      <Runner />
      <InputLine />
      <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
      <CertificateLine />
      <AttackPanel x={x} title="Try to break the certificate" />
    </div>
  );
}
