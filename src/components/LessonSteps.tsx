import { useState, memo } from 'react';
import { SectionHeading } from './SectionHeading';

const STEPS = [
  {
    target: 'noise',
    title: 'Make noisy copies',
    text: 'Take the input x and add independent Gaussian noise, x + σz with z ~ N(0, I), many times over. σ is in pixel units: 0.25 is a quarter of the gap between black and white.',
  },
  {
    target: 'votes',
    title: 'Let the base model vote',
    text: 'Classify every noisy copy with the ordinary network. Each copy casts one vote; the histograms count them. The first n0 copies only choose the candidate class; n fresh copies then count its votes, so the choice cannot flatter the count.',
  },
  {
    target: 'votes',
    title: 'Take the majority',
    text: 'The smoothed classifier answers with the class that wins under noise. Its vote share p_A is estimated, not known: the Clopper-Pearson bound p_lower is a value that p_A exceeds with probability at least 1 − α.',
  },
  {
    target: 'certify',
    title: 'Turn the margin into a radius',
    text: 'If p_lower > 1/2, no perturbation of L2 size below R = σΦ⁻¹(p_lower) can change the smoothed answer (Cohen et al. 2019, Theorem 1). Otherwise the lab abstains.',
  },
];

/**
 * The lesson's randomized-smoothing section in the lab's own words: four steps, each highlighting
 * the widget that shows it (on hover or keyboard focus).
 */
export const LessonSteps = memo(function LessonSteps() {
  const [active, setActive] = useState<string | null>(null);
  const highlight = (t: string | null) => {
    setActive(t);
    document.querySelectorAll<HTMLElement>('[data-step]').forEach((el) => {
      el.classList.toggle('step-highlight', el.dataset.step === t);
    });
  };
  return (
    <aside className="lesson" aria-labelledby="lesson-title">
      <SectionHeading id="lesson-title">How randomized smoothing works</SectionHeading>
      <ol>
        {STEPS.map((s) => (
          <li
            key={s.title}
            tabIndex={0}
            className={active === s.target ? 'active' : undefined}
            onMouseEnter={() => highlight(s.target)}
            onMouseLeave={() => highlight(null)}
            onFocus={() => highlight(s.target)}
            onBlur={() => highlight(null)}
          >
            <strong>{s.title}.</strong> {s.text}
          </li>
        ))}
      </ol>
      <h4>What the guarantee promises, and what it does not</h4>
      <ul>
        <li>
          It covers the smoothed classifier, not the base network: the network alone can still be fooled
          inside R.
        </li>
        <li>
          It covers L2 perturbations only. A change that is tiny in every pixel (L∞) can be large in L2, and
          is not covered beyond R.
        </li>
        <li>It holds with probability 1 − α over the noise: rarely, by bad luck, a certificate is wrong.</li>
        <li>Bigger radii need more noise (larger σ) and more samples (R can never exceed R_max).</li>
      </ul>
    </aside>
  );
});
