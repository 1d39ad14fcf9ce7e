/**
 * Seeded 2D toy datasets for the geometry view: two moons, concentric circles, a two-arm spiral
 * and linearly separable blobs. Points are in roughly [-1.5, 1.5]^2, labels 0 and 1, classes
 * balanced. Randomness comes from the lab's counter-based generator (src/smoothing/noise.ts), so
 * the same seed gives the same points everywhere. Pure TypeScript.
 */
import { gaussianAt, normalCdf, sampleKey } from '../smoothing';

export type DatasetName = 'moons' | 'circles' | 'spiral' | 'blobs';

export const DATASETS: Record<DatasetName, string> = {
  moons: 'Two moons',
  circles: 'Concentric circles',
  spiral: 'Spiral',
  blobs: 'Separable blobs',
};

export interface Dataset {
  name: DatasetName;
  /** Points, [x, y] each. */
  points: [number, number][];
  /** Class of each point, 0 or 1. */
  labels: number[];
}

/** Stream id of the toy data: never reused for smoothing noise. */
const DATA_STREAM = 10;

/** A uniform in (0, 1): Phi of a standard normal draw. */
const uniformFrom = normalCdf;

/**
 * @param count total number of points (split evenly between the classes), integer >= 2
 * @param noise standard deviation of the Gaussian jitter added to every point
 */
export function makeDataset(name: DatasetName, count: number, seed: number, noise = 0.1): Dataset {
  if (!Number.isInteger(count) || count < 2)
    throw new RangeError(`count must be an integer >= 2, got ${count}`);
  if (!(noise >= 0)) throw new RangeError(`noise must be >= 0, got ${noise}`);
  const points: [number, number][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = sampleKey(seed, DATA_STREAM, i);
    const label = i % 2;
    const u = uniformFrom(gaussianAt(key, 0));
    const jx = noise * gaussianAt(key, 1);
    const jy = noise * gaussianAt(key, 2);
    let x: number;
    let y: number;
    switch (name) {
      case 'moons': {
        const t = Math.PI * u;
        [x, y] =
          label === 0 ? [Math.cos(t) - 0.5, Math.sin(t) - 0.25] : [0.5 - Math.cos(t), 0.25 - Math.sin(t)];
        break;
      }
      case 'circles': {
        const t = 2 * Math.PI * u;
        const r = label === 0 ? 1.2 : 0.5;
        [x, y] = [r * Math.cos(t), r * Math.sin(t)];
        break;
      }
      case 'spiral': {
        const r = 0.15 + 1.25 * u;
        const t = 3 * Math.PI * u + label * Math.PI;
        [x, y] = [r * Math.cos(t), r * Math.sin(t)];
        break;
      }
      case 'blobs': {
        const [cx, cy] = label === 0 ? [-0.7, -0.5] : [0.7, 0.5];
        [x, y] = [cx + 0.35 * gaussianAt(key, 3), cy + 0.35 * gaussianAt(key, 4)];
        break;
      }
    }
    points.push([x + jx, y + jy]);
    labels.push(label);
  }
  return { name, points, labels };
}
