import { clopperPearsonLower, clopperPearsonUpper } from '../smoothing';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const en = (x: number) => x.toLocaleString('en');

/** A share of `digits` digits with its exact 95% interval (Clopper-Pearson, 2.5% each side). */
interface Share {
  share: number;
  digits: number;
}
const interval = ({ share, digits }: Share): [number, number] => {
  const k = Math.round(share * digits);
  return [clopperPearsonLower(k, digits, 0.025), clopperPearsonUpper(k, digits, 0.025)];
};
const withInterval = (s: Share) => {
  const [lo, hi] = interval(s);
  return `${pct(s.share)} (95% interval ${pct(lo)} to ${pct(hi)})`;
};

/**
 * The accuracy part of "You can pay for it" (the lesson's "When to use it"): the noise-free CNN's
 * clean accuracy on its test digits beside the smoothed CNN's certified accuracy at r = 0 and 0.5 on
 * the shipped run's digits (the first `certified.digits` of the same test split), each with its 95%
 * interval. What the comparison shows is read from the intervals, never assumed: they overlap (no
 * difference shown either way), or one model is ahead beyond sampling error. Whether both are
 * measured on the same digits follows from the counts.
 */
export function accuracyCostText(o: {
  clean: Share;
  sigma: number;
  /** Certified accuracy at r = 0 and at `radius`, on the shipped run's digits. */
  certified: { atZero: number; atRadius: number; radius: number; digits: number };
}): string {
  const c = o.certified;
  const same = c.digits === o.clean.digits;
  const zero = { share: c.atZero, digits: c.digits };
  const [cleanLo, cleanHi] = interval(o.clean);
  const [zeroLo, zeroHi] = interval(zero);
  const digits = same ? `the same ${en(c.digits)} test digits` : `the first ${en(c.digits)} test digits`;
  const head =
    `Accuracy: the noise-free CNN is right on ${withInterval(o.clean)} of ${en(o.clean.digits)} clean test digits. ` +
    `The CNN trained and smoothed at σ = ${o.sigma} certifies ${withInterval(zero)} of ${digits} at r = 0 ` +
    `and ${withInterval({ share: c.atRadius, digits: c.digits })} at r = ${c.radius}.`;
  const sets = same ? '' : ' The two are measured on different sets of digits.';
  if (zeroHi >= cleanLo && cleanHi >= zeroLo)
    return `${head}${sets} At r = 0 the two intervals overlap, so this does not show that smoothing makes a model more accurate, nor less.`;
  if (zeroHi < cleanLo)
    return `${head}${sets} At r = 0 the smoothed CNN certifies fewer digits than the noise-free CNN gets right, beyond sampling error: that is part of the price.`;
  return `${head}${sets} At r = 0 the smoothed CNN certifies more digits than the noise-free CNN gets right, beyond sampling error; the two are differently trained models, so this does not show that smoothing makes a model more accurate.`;
}
