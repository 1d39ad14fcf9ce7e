import { memo } from 'react';
import type { ModelCard } from '../models/card';
import { MODEL_CARDS } from '../models/cards';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** How a model was trained, from its card: the method, its weights, the augmentation and the epochs. */
export function trainingSummary(c: ModelCard): string {
  const r = c.recipe;
  if (!r) return `Gaussian noise, ${c.epochs} epochs`;
  const method =
    r.method === 'consistency'
      ? `consistency (λ ${r.lambda}, η ${r.eta}, m ${r.copies})`
      : c.sigmaTrain > 0
        ? 'Gaussian noise'
        : 'no noise';
  const geo = r.augment ? `, shifts ≤ ${r.augment.shift} px and rotations ≤ ${r.augment.degrees}°` : '';
  return `${method}${geo}; epoch ${r.bestEpoch} of ${c.epochs} kept`;
}

/** The shipped base models with their training noise and accuracy (from their model cards). */
export const ModelTable = memo(function ModelTable() {
  return (
    <table className="data-table" data-testid="model-table">
      <caption>Base models shipped with the lab (MNIST, trained in this repository)</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Architecture</th>
          <th scope="col">Parameters</th>
          <th scope="col">sigma_train</th>
          <th scope="col">Training</th>
          <th scope="col">Clean accuracy</th>
          <th scope="col">Accuracy under N(0, sigma_train²)</th>
        </tr>
      </thead>
      <tbody>
        {MODEL_CARDS.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.id}</th>
            <td>{c.layers}</td>
            <td>{c.parameterCount.toLocaleString('en')}</td>
            <td>{c.sigmaTrain.toFixed(2)}</td>
            <td>{trainingSummary(c)}</td>
            <td>{pct(c.cleanAccuracy)}</td>
            <td>{c.sigmaTrain > 0 ? pct(c.noisyAccuracy) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
