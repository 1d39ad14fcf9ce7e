/**
 * The WebGL side of `npm run bench:train`, bundled by scripts/bench-train.ts and run in headless
 * Chromium (SwiftShader here): the same step timer as the Node backends.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { timeTrainingSteps, type StepTiming } from '../../src/training/stepTimer';

export async function run(o: Parameters<typeof timeTrainingSteps>[0]): Promise<StepTiming | string> {
  if (!(await tf.setBackend('webgl'))) return 'webgl did not start';
  await tf.ready();
  return timeTrainingSteps(o);
}
