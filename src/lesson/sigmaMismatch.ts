/**
 * The one line the lab shows when the base model's training noise sigma_train differs from the
 * smoothing noise sigma: what the mismatch does to the votes, with both numbers. Pure; the lab
 * reads sigma_train from the shipped model's card or the student's own model's card.
 *
 * What it says follows the shipped mismatch runs (models/certify/mismatch.json, CNN, 100 digits):
 * more noise than in training scatters the votes (cnn-0.00 at sigma 0.5 abstains on 11% of the
 * digits, cnn-0.50 on none); less noise than in training mostly leaves them together (cnn-0.50 at
 * sigma 0.25 certifies 95% of the digits at r = 0.5, as many as cnn-0.25), but the radius is scaled by the
 * smaller sigma.
 */

/** sigma as the lab writes it (two decimals, like the slider). */
const f2 = (x: number) => x.toFixed(2);

/** Whether two noise levels are the same at the slider's resolution (0.01). */
export function sameSigma(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/** The warning for a model trained at `sigmaTrain` smoothed at `sigma`, or null when they agree. */
export function sigmaMismatchLine(sigmaTrain: number, sigma: number): string | null {
  if (sameSigma(sigmaTrain, sigma)) return null;
  const pair = `σ_train = ${f2(sigmaTrain)}, σ = ${f2(sigma)}`;
  if (sigmaTrain < 0.005)
    return `Mismatch (${pair}): this model was trained without noise, so every noisy copy is a kind of digit it never met; its votes scatter over other classes, and p_lower and the radius fall (it may abstain).`;
  if (sigmaTrain < sigma)
    return `Mismatch (${pair}): the lab adds more noise than this model met in training; its votes scatter more than those of a model trained at σ = ${f2(sigma)}, so p_lower and the radius fall (it may abstain).`;
  return `Mismatch (${pair}): the lab adds less noise than this model was trained on; its votes mostly still agree, but the radius σ · Φ⁻¹(p_lower) is scaled by the smaller σ = ${f2(sigma)}.`;
}
