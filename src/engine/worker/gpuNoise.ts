/**
 * The lab's counter-based Gaussian noise computed on the GPU: a custom WebGL2 program evaluating
 * exactly the function of src/smoothing/noise.ts (PCG hash of seed, stream, sample and value, then
 * Box-Muller on 24-bit uniforms), so no noise is made in JavaScript or uploaded. Integer steps are
 * bit-identical to the reference; log, sqrt and cos run in float32, so values agree to float32
 * rounding (at most 7.4e-4 seen on SwiftShader, in the far tail where log(u1) loses digits).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';

const USER_CODE = `
uint pcgHash(uint v) {
  uint state = v * 747796405u + 2891336453u;
  uint word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

void main() {
  ivec2 rc = getOutputCoords();
  int s = rc.x;
  int j = rc.y;
  float x = getX(0, j);
  if (s >= count) {
    setOutput(x);
    return;
  }
  uint key = pcgHash(pcgHash(pcgHash(uint(seed)) ^ uint(stream)) + uint(first + s));
  uint a = pcgHash(key ^ pcgHash(uint(2 * j)));
  uint b = pcgHash(key ^ pcgHash(uint(2 * j + 1)));
  float u1 = (float(a >> 8u) + 0.5) / 16777216.0;
  float u2 = float(b >> 8u) / 16777216.0;
  float z = sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
  setOutput(x + sigma * z);
}
`;

/** True when the active backend is WebGL 2 (unsigned integers in shaders). */
export function gpuNoiseAvailable(): boolean {
  return tf.getBackend() === 'webgl' && tf.env().getNumber('WEBGL_VERSION') === 2;
}

/**
 * Rows x + sigma * z(seed, stream, first + s, j) for s < count, and x itself for padding rows
 * s in [count, rows). x: shape [1, dim]. Returns a new [rows, dim] tensor (caller disposes).
 */
export function gpuNoisyBatch(
  x: tf.Tensor2D,
  sigma: number,
  seed: number,
  stream: number,
  first: number,
  count: number,
  rows: number,
): tf.Tensor2D {
  const dim = x.shape[1];
  const program: GPGPUProgram = {
    variableNames: ['X'],
    outputShape: [rows, dim],
    userCode: USER_CODE,
    customUniforms: [
      { name: 'seed', type: 'int' },
      { name: 'stream', type: 'int' },
      { name: 'first', type: 'int' },
      { name: 'count', type: 'int' },
      { name: 'sigma', type: 'float' },
    ],
  };
  const backend = tf.backend() as MathBackendWebGL;
  const info = backend.compileAndRun(program, [x], 'float32', [
    [seed | 0],
    [stream],
    [first],
    [count],
    [sigma],
  ]);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
}
