import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { forwardFlops, layerFlops, layerShapes } from '../flops';

describe('forwardFlops', () => {
  it('counts the shipped CNN by hand: 2 FLOPs per multiply-add of its convolutions and dense layers', async () => {
    const { buildModel } = await import('../architectures');
    const model = buildModel('cnn', 1);
    // conv 5x5x16 on 28x28x1 -> 24x24x16; pool -> 12x12x16; conv 5x5x32 -> 8x8x32; pool -> 4x4x32 = 512
    const conv1 = 24 * 24 * 16 * (5 * 5 * 1); // 230,400
    const conv2 = 8 * 8 * 32 * (5 * 5 * 16); // 819,200
    const dense1 = 512 * 128; // 65,536
    const dense2 = 128 * 10; // 1,280
    const shapes = layerShapes(model);
    expect(layerFlops(shapes)).toEqual([2 * conv1, 0, 2 * conv2, 0, 0, 2 * dense1, 2 * dense2]);
    expect(forwardFlops(shapes)).toBe(2_232_832);
    model.dispose();
  });

  it('counts the shipped MLP by hand', async () => {
    const { buildModel } = await import('../architectures');
    const model = buildModel('mlp', 1);
    expect(forwardFlops(layerShapes(model))).toBe(2 * (784 * 256 + 256 * 128 + 128 * 10));
    expect(forwardFlops(layerShapes(model))).toBe(469_504);
    model.dispose();
  });

  it('refuses a layer class it cannot count', () => {
    expect(() => forwardFlops([{ className: 'LSTM', inputShape: [4, 8], outputShape: [16] }])).toThrow(
      /LSTM/,
    );
  });
});
