/**
 * The two base-model architectures, built with TF.js layers. Both take a batch of MNIST digits,
 * shape [batch, 28, 28, 1], intensities in [0, 1] (plus noise), and output class probabilities,
 * shape [batch, 10] (softmax).
 */
import * as tfl from '@tensorflow/tfjs-layers';

export type Architecture = 'cnn' | 'mlp';

export const ARCHITECTURES: Record<Architecture, string> = {
  cnn: 'conv 5x5x16, maxpool 2, conv 5x5x32, maxpool 2, dense 128, dense 10 (ReLU, softmax)',
  mlp: 'dense 784-256-128-10 (ReLU, softmax)',
};

/** A fresh, untrained model with weights drawn from `seed`. */
export function buildModel(arch: Architecture, seed: number): tfl.Sequential {
  let s = seed;
  const init = () => tfl.initializers.heNormal({ seed: s++ });
  const model = tfl.sequential({ name: `${arch}` });
  if (arch === 'cnn') {
    model.add(
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 16,
        kernelSize: 5,
        activation: 'relu',
        kernelInitializer: init(),
      }),
    );
    model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    model.add(
      tfl.layers.conv2d({ filters: 32, kernelSize: 5, activation: 'relu', kernelInitializer: init() }),
    );
    model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init() }));
  } else {
    model.add(tfl.layers.flatten({ inputShape: [28, 28, 1] }));
    model.add(tfl.layers.dense({ units: 256, activation: 'relu', kernelInitializer: init() }));
    model.add(tfl.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init() }));
  }
  model.add(
    tfl.layers.dense({
      units: 10,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: s++ }),
    }),
  );
  return model;
}
