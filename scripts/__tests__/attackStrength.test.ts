/**
 * The attacks of src/attacks against the shipped MLP mlp-0.25 on the wasm backend: their strength
 * against the base model, and the certificate of randomized smoothing holding against PGD on the
 * smoothed classifier inside its radius (the contract tests are in ./attacks.test.ts).
 *
 * Measured here (2 loaded cores, this file and ./attacks.test.ts about 15 s together). models/mlp-0.25 is replaced when training
 * finishes, so the thresholds were checked against two MLPs:
 *  - the quick placeholder (1 epoch on 1,000 digits, 73 % clean): first 30 test digits clean 23/30,
 *    PGD L-inf 0.1 -> 1/30, PGD L2 2.0 -> 1/30; 11/15 digits certified (R 0.01 .. 0.68), SmoothAdv at
 *    0.9 R lowered the votes for c_A from 10,020 to 9,242 in total and flipped none; L-inf 0.05 .. 0.1
 *    flipped the smoothed prediction of all 6 digits tried (L2 size 1.0 .. 2.2 > R);
 *  - a stand-in for the final model (same architecture, 8 epochs on the 8,000 training digits with
 *    Gaussian augmentation at sigma 0.25, trained for this measurement only): clean 27/30, L-inf 0.1
 *    -> 8/30, L2 2.0 -> 3/30; 15/15 certified, none flipped inside 0.9 R, all 6 flipped by L-inf
 *    0.05 .. 0.2.
 * For comparison the CNNs resist L-inf 0.1 better: cnn-0.12 29/30 -> 21/30 (L2 2.0: 6/30), cnn-0.00
 * 29/30 -> 20/30 (5/30), also with 100 steps, a random start or the margin loss; so the strength
 * test uses the MLP.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgdBase, pgdSmoothed, type AttackOptions } from '../../src/attacks';
import { digitAsFloats } from '../../src/data/digits';
import { modelVoteSampler } from '../../src/engine/worker/votes';
import { ABSTAIN, certify, mixSeed, predict } from '../../src/smoothing';
import { initBackend, loadModelFromDisk } from '../lib/node-tf';
import { digits, run, SHAPE } from './attackHelpers';

let mlp: tfl.LayersModel;

beforeAll(async () => {
  await initBackend('wasm');
  mlp = await loadModelFromDisk(join('models', 'mlp-0.25'));
});

afterAll(() => {
  mlp.dispose();
});

describe('strength against the base model', () => {
  it(
    'L-inf eps 0.1 and L2 eps 2.0 (20 steps) lower the accuracy on 30 test digits by >= 30 points',
    { timeout: 180_000 },
    async () => {
      const N = 30;
      let clean = 0;
      let linf = 0;
      let l2 = 0;
      let raised = 0;
      for (let i = 0; i < N; i++) {
        const y = digits.labels[i]!;
        const a = await run(pgdBase, mlp, i, { eps: 0.1, steps: 20, norm: 'linf' });
        const b = await run(pgdBase, mlp, i, { eps: 2.0, steps: 20, norm: 'l2' });
        if (a.baseLabelBefore === y) clean++;
        if (a.baseLabelAfter === y) linf++;
        if (b.baseLabelAfter === y) l2++;
        for (const r of [a, b]) if (r.lossHistory.at(-1)! > r.lossHistory[0]!) raised++;
      }
      console.log(`clean ${clean}/${N}, PGD L-inf 0.1: ${linf}/${N}, PGD L2 2.0: ${l2}/${N}`);
      expect(raised).toBeGreaterThanOrEqual(0.95 * 2 * N); // measured: all 60
      expect(clean - linf).toBeGreaterThanOrEqual(0.3 * N);
      expect(clean - l2).toBeGreaterThanOrEqual(0.3 * N);
    },
  );
});

describe('the smoothing certificate against PGD on the smoothed classifier', () => {
  const SIGMA = 0.25;
  const SEED = 2024;
  const DIGITS = 15;
  const ALPHA = 0.001;
  const sampler = (x: Float32Array, seed: number) =>
    modelVoteSampler(mlp, { x, inputShape: SHAPE, sigma: SIGMA, seed, batchSize: 500 });
  /** Non-abstaining certificates of the first DIGITS test digits: index, class c_A, radius R. */
  const certs: { i: number; c: number; radius: number }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < DIGITS; i++) {
      const cert = await certify(sampler(digitAsFloats(digits, i), mixSeed(SEED, i)), {
        n0: 100,
        n: 2000,
        alpha: ALPHA,
        sigma: SIGMA,
      });
      if (cert.prediction !== ABSTAIN && cert.radius > 0) {
        certs.push({ i, c: cert.prediction, radius: cert.radius });
      }
    }
  }, 180_000);

  it(
    'L2 PGD (SmoothAdv) within 0.9 R lowers the votes for c_A but PREDICT never returns another class',
    {
      timeout: 180_000,
    },
    async () => {
      const rows: string[] = [];
      let flipped = 0;
      let votesBefore = 0;
      let votesAfter = 0;
      for (const { i, c, radius } of certs) {
        const eps = 0.9 * radius;
        const o: AttackOptions = { eps, steps: 20, norm: 'l2', sigma: SIGMA, noiseSamples: 16, seed: i };
        const attack = await run(pgdSmoothed, mlp, i, o, c);
        expect(attack.l2).toBeLessThanOrEqual(eps + 1e-5);
        // PREDICT on noise independent of the certificate's and the attack's (another seed); the same
        // noise at x and at xAdv (common random numbers), so the vote counts compare directly.
        const seed = mixSeed(SEED + 1, i);
        const clean = await predict(sampler(digitAsFloats(digits, i), seed), { n: 1000, alpha: ALPHA });
        const after = await predict(sampler(attack.xAdv, seed), { n: 1000, alpha: ALPHA });
        votesBefore += clean.counts[c]!;
        votesAfter += after.counts[c]!;
        if (after.prediction !== c && after.prediction !== ABSTAIN) flipped++;
        rows.push(
          `#${i} c=${c} R=${radius.toFixed(3)} eps=${eps.toFixed(3)}: votes for c ${clean.counts[c]} -> ` +
            `${after.counts[c]}, PREDICT ${after.prediction}`,
        );
      }
      console.log(`${certs.length}/${DIGITS} certified\n${rows.join('\n')}`);
      expect(certs.length).toBeGreaterThanOrEqual(5);
      // Zero, not "at most alpha": with alpha = 0.001 and ~15 tries any failure would be a real bug.
      expect(flipped).toBe(0);
      expect(votesAfter).toBeLessThan(votesBefore);
    },
  );

  it(
    'an L-infinity attack larger than R in L2 changes the smoothed prediction of some digit',
    {
      timeout: 180_000,
    },
    async () => {
      const found: string[] = [];
      for (const { i, c, radius } of certs.slice(0, 6)) {
        for (const eps of [0.05, 0.1, 0.2]) {
          const o: AttackOptions = { eps, steps: 20, norm: 'linf', sigma: SIGMA, noiseSamples: 16, seed: i };
          const attack = await run(pgdSmoothed, mlp, i, o, c);
          const p = await predict(sampler(attack.xAdv, mixSeed(SEED + 2, i)), { n: 1000, alpha: ALPHA });
          if (p.prediction !== c && p.prediction !== ABSTAIN) {
            // Only possible outside the certified ball (barring an alpha-probability failure).
            expect(attack.l2).toBeGreaterThan(radius);
            found.push(
              `#${i} c=${c} R=${radius.toFixed(3)}: L-inf ${eps} (L2 ${attack.l2.toFixed(2)}) -> ${p.prediction}`,
            );
            break;
          }
        }
      }
      console.log(found.join('\n'));
      expect(found.length).toBeGreaterThanOrEqual(1);
    },
  );
});
