import { memo } from 'react';
import { sigmaMismatchLine } from '../lesson/sigmaMismatch';
import { findModel } from '../models/cards';
import { useAppStore } from '../store';

/**
 * One line under the noise and sample sliders when the model's sigma_train is not the lab's sigma, saying what
 * that does to the votes. Read from the store on every render, so it follows the model picker, the
 * slider, a link and a preset alike; a student's own model (`user:...`) has its card's sigma_train.
 * Nothing is said while a model's card is unknown (a student's model still being read).
 */
export const SigmaMismatch = memo(function SigmaMismatch() {
  const sigma = useAppStore((s) => s.params.sigma);
  const sigmaTrain = useAppStore(
    (s) => (findModel(s.modelId) ?? s.userModels.find((c) => c.id === s.modelId))?.sigmaTrain ?? null,
  );
  const line = sigmaTrain === null ? null : sigmaMismatchLine(sigmaTrain, sigma);
  if (line === null) return null;
  return (
    <p
      className="notice notice-warn sigma-mismatch"
      data-testid="sigma-mismatch"
      data-sigma-train={sigmaTrain}
      data-sigma={sigma}
    >
      {line}
    </p>
  );
});
