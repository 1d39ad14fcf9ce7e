import { memo } from 'react';
import { MODEL_CARDS } from '../models/cards';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

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
            <td>{pct(c.cleanAccuracy)}</td>
            <td>{c.sigmaTrain > 0 ? pct(c.noisyAccuracy) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
