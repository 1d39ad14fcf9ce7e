/** What the attack tests share: the shipped test digits, their shape, and an attack run checked for leaks. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import type { Attack, AttackOptions, AttackResult } from '../../src/attacks';
import { digitAsFloats } from '../../src/data/digits';
import { readTestDigits } from '../lib/node-tf';

export const digits = readTestDigits();
export const SHAPE = [28, 28, 1];

/** Runs an attack and checks that it left no tensor behind. */
export async function run(
  attack: Attack,
  model: tfl.LayersModel,
  i: number,
  o: AttackOptions,
  label = digits.labels[i]!,
): Promise<AttackResult> {
  const before = tf.memory().numTensors;
  const r = await attack(model, digitAsFloats(digits, i), label, o);
  expect(tf.memory().numTensors).toBe(before);
  return r;
}
