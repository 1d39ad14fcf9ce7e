/**
 * A small dense model on 28x28x1 inputs with seeded random weights, for the vote-sampler tests in
 * Node (any TF.js backend): its votes under noise are split between classes.
 */
import * as tfl from '@tensorflow/tfjs-layers';

export function tinyModel(seed = 3, stddev = 0.05): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(tfl.layers.flatten({ inputShape: [28, 28, 1] }));
  m.add(
    tfl.layers.dense({
      units: 10,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.randomNormal({ seed, stddev }),
    }),
  );
  return m;
}
