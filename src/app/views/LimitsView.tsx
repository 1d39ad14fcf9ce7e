import { useMemo } from 'react';
import { MODEL_CARDS } from '../../models/cards';
import { AttackPanel } from '../../components/AttackPanel';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { labInput } from '../../data/digits';
import { useDigits } from '../../data/useDigits';
import { useCertifyRunner } from '../../engine/client/useEngine';
import { useAppStore } from '../../store';
import { useCertificate } from '../../store/useCertificate';
import { routeHref } from '../../store/urlRegistry';
import { useLabQuery } from '../urlSync';
import { SectionHeading } from '../../components/SectionHeading';

/**
 * The lab's certificate for its current digit and settings, in one line (the attack below aims at
 * it). Derived from the run's snapshot like the lab's own panel.
 */
export function CertificateLine() {
  const { src, view: v } = useCertificate();
  const what = (src.run ?? src).drawn ? 'your drawn digit' : `test digit ${v.params.digit}`;
  const c = v.claim;
  let text: string;
  if (v.stale)
    text = 'out of date (the settings changed since its run); the lab runs the new ones when you press Play.';
  else if (c.kind === 'certified')
    text = `class ${c.prediction}, certified L2 radius R = ${c.text.radius} (${c.label.toLowerCase()}${c.final ? '' : ', still sampling'}).`;
  else if (c.kind === 'abstain') text = 'no radius (ABSTAIN): there is nothing to attack.';
  else if (v.status === 'running' || v.status === 'idle') text = 'certifying…';
  else if (v.status === 'error') text = 'the run failed; no certificate.';
  else
    text = `no certificate yet (${v.status} after ${v.m.toLocaleString('en')} samples); press Play to run again.`;
  return (
    <p data-testid="limits-certificate" data-status={v.status} data-claim={c.kind} aria-live="polite">
      The lab’s certificate for {what} (model {v.modelId}, σ = {v.params.sigma.toFixed(2)}, n ={' '}
      {v.params.n.toLocaleString('en')}
      {v.stop !== null ? `, stop mode at r = ${v.stop}` : ''}): {text}
    </p>
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * The lesson's "Practical limitations", each with a number from this lab and a link to the
 * widget that shows it.
 */
export function LimitsView() {
  const outcome = useAppStore((s) => s.outcome);
  const n = useAppStore((s) => s.params.n);
  const n0 = useAppStore((s) => s.params.n0);
  const q = useLabQuery();
  const clean = MODEL_CARDS.find((c) => c.id === 'cnn-0.00');
  const noisy = MODEL_CARDS.find((c) => c.id === 'cnn-1.00');
  const speed = outcome?.timing.samplesPerSecond;
  const digits = useDigits();
  const set = digits.status === 'ready' ? digits.set : null;
  const digit = useAppStore((s) => s.params.digit);
  const drawn = useAppStore((s) => s.drawn);
  const x = useMemo(() => (set ? labInput(set, digit, drawn) : drawn), [set, digit, drawn]);
  // The attack below needs the lab's certificate for the current digit and settings.
  useCertifyRunner(x);
  return (
    <div className="prose limits">
      <ol>
        <li>
          <strong>An accuracy gap.</strong> Noise costs accuracy, and certified accuracy is lower still.{' '}
          {clean && noisy && (
            <>
              The CNN trained without noise is right on {pct(clean.cleanAccuracy)} of the clean test digits;
              the one trained at sigma = 1 is right on {pct(noisy.noisyAccuracy)} of them under its own noise.
            </>
          )}{' '}
          The <a href={routeHref('tradeoff', q)}>trade-off view</a> and the models' README measure how much of
          that survives certification.
        </li>
        <li>
          <strong>Scalability.</strong> Exact verification and bound propagation get looser or slower as
          networks grow; smoothing only needs forward passes, whatever the network. Compare the methods on one
          small network in the <a href={routeHref('geometry', q)}>geometry view</a>.
        </li>
        <li>
          <strong>One norm only.</strong> The certificate is a ball in L2. A perturbation that moves every
          pixel by a little can be long in L2 and is not covered: try an L∞ attack below, or in the{' '}
          <a href={routeHref('lab', q)}>smoothing lab</a>.
        </li>
        <li>
          <strong>Inference cost.</strong> One certified prediction takes n0 + n ={' '}
          {(n0 + n).toLocaleString('en')} forward passes instead of one.{' '}
          {speed ? (
            <span data-testid="cost">
              At the {Math.round(speed).toLocaleString('en')} samples/s measured in your last run, that is{' '}
              {((n0 + n) / speed).toFixed(1)} s per certificate, and {((n0 + 100_000) / speed).toFixed(0)} s
              with the paper's n = 100,000.
            </span>
          ) : (
            <span>Run the lab once and this sentence will show the cost measured on your device.</span>
          )}
        </li>
      </ol>
      <p className="callout">
        A certified radius of 0.5 does not make the model safe against every change of L2 size 0.5 to the base
        network: it speaks for the smoothed classifier, in L2, with probability 1 − α. Rotations, colour
        shifts and L0 changes are outside it altogether.
      </p>
      <section aria-labelledby="limits-attack-title" className="limits-attack" data-testid="limits-attack">
        <SectionHeading id="limits-attack-title">Try to break the certificate</SectionHeading>
        <p>
          The lab certifies its current digit with the lab’s settings; then a PGD attack searches for a
          perturbation of the size you choose. Inside the certified L2 ball it cannot change the smoothed
          prediction; an L∞ attack, small per pixel, can be long in L2 and slip past it.
        </p>
        <CertificateLine />
        <AttackPanel x={x} title="The attack" />
      </section>
      <SectionCheckpoints section="limits" />
    </div>
  );
}
