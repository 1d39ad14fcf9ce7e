/**
 * Floating-point operations of one forward pass, per image, counted from a layered model's shapes:
 * 2 FLOPs per multiply-add of its Conv2D and Dense layers (biases, activations, pooling and reshapes
 * are not counted). A layer of any other class throws, so the count is never silently short.
 */

/** What the count needs of one layer: its class and, without the batch axis, its shapes. */
export interface LayerShape {
  className: string;
  /** Input shape without the batch axis, e.g. [28, 28, 1] (NHWC) or [512]. */
  inputShape: number[];
  /** Output shape without the batch axis. */
  outputShape: number[];
  /** Conv2D only: [kernel height, kernel width]. */
  kernelSize?: number[];
}

/** Layer classes that hold no multiply-adds. */
const FREE = new Set([
  'InputLayer',
  'MaxPooling2D',
  'AveragePooling2D',
  'Flatten',
  'Reshape',
  'Activation',
  'Dropout',
]);

const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

/** Multiply-adds of one layer per image. */
export function layerMacs(l: LayerShape): number {
  if (l.className === 'Conv2D') {
    const [kh, kw] = l.kernelSize ?? [];
    const inChannels = l.inputShape[l.inputShape.length - 1];
    if (!kh || !kw || !inChannels) throw new Error('Conv2D needs its kernel size and input channels');
    // each output value (height x width x filters) sums kh x kw x input channels products
    return product(l.outputShape) * kh * kw * inChannels;
  }
  if (l.className === 'Dense') {
    // a Dense layer on the last axis: every output unit sums one product per input unit
    const units = l.outputShape[l.outputShape.length - 1]!;
    return product(l.inputShape) * units;
  }
  if (FREE.has(l.className)) return 0;
  throw new Error(`no FLOP count for layer class ${l.className}`);
}

/** FLOPs (2 per multiply-add) of each layer, per image, in order. */
export function layerFlops(layers: LayerShape[]): number[] {
  return layers.map((l) => 2 * layerMacs(l));
}

/** FLOPs (2 per multiply-add) of one forward pass, per image. */
export function forwardFlops(layers: LayerShape[]): number {
  return layerFlops(layers).reduce((a, b) => a + b, 0);
}

/**
 * The part of a TF.js sequential model the count reads (structural, so this file needs no TF.js):
 * its input's shape and each layer's output shape; each layer's input is the one before's output.
 */
export interface ShapedModel {
  inputs: { shape: unknown }[];
  layers: {
    getClassName(): string;
    outputShape: unknown;
    getConfig(): { kernelSize?: unknown };
  }[];
}

/** A shape as TF.js gives it, [null, ...dims] (or a list of one such), without the batch axis. */
function dims(given: unknown): number[] {
  const shape: unknown =
    Array.isArray(given) && given.length === 1 && Array.isArray(given[0]) ? given[0] : given;
  if (!Array.isArray(shape) || Array.isArray(shape[0])) throw new Error('expected one shape');
  return (shape as unknown[]).slice(1).map((d) => {
    if (typeof d !== 'number') throw new Error('expected a fixed shape after the batch axis');
    return d;
  });
}

/** Each layer's shapes, read from a built TF.js sequential model. */
export function layerShapes(model: ShapedModel): LayerShape[] {
  let inputShape = dims(model.inputs[0]?.shape);
  return model.layers.map((l) => {
    const k = l.getConfig().kernelSize;
    const outputShape = dims(l.outputShape);
    const shape: LayerShape = {
      className: l.getClassName(),
      inputShape,
      outputShape,
      ...(k === undefined ? {} : { kernelSize: typeof k === 'number' ? [k, k] : (k as number[]) }),
    };
    inputShape = outputShape;
    return shape;
  });
}
