/** The random networks and points shared by the soundness and tightness tests (deterministic seeds). */
import { predictClass, type ReluNet } from '../index';
import { makeRng, randomNet, randomPoint } from './helpers';

export interface Case {
  name: string;
  net: ReluNet;
  x: number[];
  label: number;
  rng: () => number;
}

const SPECS: [number[], number][] = [
  ...Array.from({ length: 10 }, (_, i): [number[], number] => [[2, 16, 16, 2], i + 1]),
  ...Array.from({ length: 6 }, (_, i): [number[], number] => [[4, 8, 3], i + 101]),
  ...Array.from({ length: 4 }, (_, i): [number[], number] => [[3, 12, 12, 12, 3], i + 201]),
];

/**
 * 20 cases: a random network, a random N(0, I) point (or uniform in [0, 1]^d with `unitBox`) and its
 * predicted class, with a PRNG for sampling. Fresh PRNGs on every call, so each test is reproducible.
 */
export function makeCases(unitBox = false): Case[] {
  return SPECS.map(([sizes, seed]) => {
    const net = randomNet(sizes, seed);
    const rng = makeRng(seed * 7919 + (unitBox ? 1 : 0));
    const x = unitBox
      ? sizes.slice(0, 1).flatMap((d) => Array.from({ length: d }, rng))
      : randomPoint(sizes[0]!, rng);
    return { name: `${sizes.join('-')} seed ${seed}`, net, x, label: predictClass(net, x), rng };
  });
}
