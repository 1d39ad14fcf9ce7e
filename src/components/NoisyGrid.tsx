import { useMemo, memo } from 'react';
import { fillGaussian, STREAM_IDS } from '../smoothing';
import { DigitCanvas } from './DigitCanvas';

const COPIES = 16;

/**
 * The first 16 estimation samples x + sigma * z, exactly the inputs the model classifies (same
 * seed, same stream). Shown clipped to [0, 1]; the model sees the unclipped values.
 */
export const NoisyGrid = memo(function NoisyGrid({
  x,
  sigma,
  seed,
}: {
  x: Float32Array;
  sigma: number;
  seed: number;
}) {
  const z = useMemo(
    () => fillGaussian(new Float32Array(COPIES * 784), seed, STREAM_IDS.estimation, 0, COPIES, 784),
    [seed],
  );
  const copies = useMemo(
    () =>
      Array.from({ length: COPIES }, (_, k) => {
        const out = new Float32Array(784);
        for (let j = 0; j < 784; j++) out[j] = x[j]! + sigma * z[k * 784 + j]!;
        return out;
      }),
    [x, sigma, z],
  );
  return (
    <figure className="noisy-grid" data-testid="noisy-grid">
      <div className="grid16">
        {copies.map((c, k) => (
          <DigitCanvas
            key={k}
            pixels={c}
            size={52}
            label={`noisy copy ${k + 1} at sigma ${sigma.toFixed(2)}`}
          />
        ))}
      </div>
      <figcaption>
        The first {COPIES} of the noisy copies x + σ·z the model votes on (σ = {sigma.toFixed(2)}). Same seed,
        same copies: moving σ rescales the same noise.
      </figcaption>
    </figure>
  );
});
