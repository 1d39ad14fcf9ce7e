/** One finished epoch as the curve draws it. */
export interface CurvePoint {
  epoch: number;
  loss: number;
  /** Validation accuracy as a fraction. */
  valAccuracy: number;
  seconds: number;
}

const W = 320;
const H = 150;
const PAD = { left: 34, right: 38, top: 10, bottom: 24 };

/**
 * The training's learning curve, one point per finished epoch: the mean training loss (solid,
 * left axis) and the validation accuracy under the training noise (dashed, right axis, 0 to 100%),
 * with a table of the same numbers below it for screen readers and for reading exact values.
 */
export function TrainCurve({ points, epochs }: { points: readonly CurvePoint[]; epochs: number }) {
  const maxLoss = Math.max(0.5, ...points.map((p) => p.loss));
  const x = (e: number) => PAD.left + ((W - PAD.left - PAD.right) * e) / Math.max(1, epochs);
  const yLoss = (l: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - l / maxLoss);
  const yAcc = (a: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - a);
  const path = (f: (p: CurvePoint) => number) =>
    points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.epoch).toFixed(1)},${f(p).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <figure className="train-curve" data-testid="train-curve" data-epochs={points.length}>
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line
          x1={PAD.left}
          y1={H - PAD.bottom}
          x2={W - PAD.right}
          y2={H - PAD.bottom}
          className="train-axis"
        />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="train-axis" />
        <line x1={W - PAD.right} y1={PAD.top} x2={W - PAD.right} y2={H - PAD.bottom} className="train-axis" />
        <text x={PAD.left - 4} y={PAD.top + 4} textAnchor="end" className="train-tick">
          {maxLoss.toFixed(1)}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" className="train-tick">
          0
        </text>
        <text x={W - PAD.right + 4} y={PAD.top + 4} className="train-tick">
          100%
        </text>
        <text x={W - PAD.right + 4} y={H - PAD.bottom} className="train-tick">
          0%
        </text>
        {Array.from({ length: epochs + 1 }, (_, e) => (
          <text key={e} x={x(e)} y={H - PAD.bottom + 14} textAnchor="middle" className="train-tick">
            {e}
          </text>
        ))}
        {points.length > 0 && (
          <>
            <path d={path((p) => yLoss(p.loss))} className="train-loss" fill="none" />
            <path d={path((p) => yAcc(p.valAccuracy))} className="train-acc" fill="none" />
            {points.map((p) => (
              <g key={p.epoch}>
                <circle cx={x(p.epoch)} cy={yLoss(p.loss)} r={3} className="train-loss-dot" />
                <circle cx={x(p.epoch)} cy={yAcc(p.valAccuracy)} r={3} className="train-acc-dot" />
              </g>
            ))}
          </>
        )}
      </svg>
      <figcaption>
        <span className="train-key train-key-loss">training loss</span> (left axis) and{' '}
        <span className="train-key train-key-acc">validation accuracy</span> (right axis) per epoch
        {last
          ? `: after epoch ${last.epoch}, loss ${last.loss.toFixed(3)}, accuracy ${(100 * last.valAccuracy).toFixed(1)}%.`
          : '; the first point appears when the first epoch ends.'}
      </figcaption>
      {points.length > 0 && (
        <table className="train-table">
          <caption className="sr-only">Training, epoch by epoch</caption>
          <thead>
            <tr>
              <th scope="col">epoch</th>
              <th scope="col">loss</th>
              <th scope="col">validation accuracy</th>
              <th scope="col">seconds</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.epoch}>
                <td>{p.epoch}</td>
                <td>{p.loss.toFixed(3)}</td>
                <td>{(100 * p.valAccuracy).toFixed(1)}%</td>
                <td>{p.seconds.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
