/**
 * Convolution gradients for training a CNN on the TF.js wasm backend (4.22).
 *
 * Conv2DBackpropFilter, the gradient of a 2D convolution with respect to its filter, is missing
 * from wasm. Registered here, it lets the wasm backend (XNNPACK, SIMD) train the lab's CNN.
 *
 * The filter gradient is itself a convolution, with the roles of batch and channels swapped:
 *   dW[kh, kw, ci, co] = sum over b, oh, ow of x[b, oh*s + kh - padTop, ow*s + kw - padLeft, ci] * dy[b, oh, ow, co]
 * so with X' = x transposed to [Ci, H, W, B] and F' = dy transposed to [OH, OW, B, Co],
 *   dW' = conv2d(X', F', stride 1, dilation s, the forward padding) has shape [Ci, KH, KW, Co],
 * and dW is dW' transposed to [KH, KW, Ci, Co]. It runs on wasm's own Conv2D kernel, so it costs
 * the same multiply-adds as the forward pass. Checked against the cpu backend in
 * src/training/__tests__/wasmConvGrad.test.ts (valid and same padding, strides 1 and 2).
 *
 * Conv2DBackpropInput exists on wasm as a plain loop; for stride 1 it is replaced by the same
 * "full" convolution on XNNPACK (dy padded by KH - 1 - padTop, the filter flipped in space with its
 * channels swapped), which measured about 8x faster on the CNN's second layer. Other strides keep
 * wasm's own kernel.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  unregisterKernel,
  type Conv2DBackpropInputAttrs,
  getKernel,
  registerKernel,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

interface DisposingBackend {
  disposeData(dataId: object): boolean;
}

function call(name: string, inputs: Record<string, TensorInfo>, backend: unknown, attrs: object): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend: backend as never, attrs: attrs as NamedAttrMap }) as TensorInfo;
}

const conv2DBackpropFilterWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') {
    throw new Error('Conv2DBackpropFilter on wasm supports only NHWC (channelsLast) data');
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { inHeight, inWidth, outHeight, outWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Padding below and right that makes the swapped convolution's output exactly KH x KW. It is
  // negative when the forward pass never reached the last rows or columns: those are cropped.
  const bottom = kh + (outHeight - 1) * sh - inHeight - top;
  const right = kw + (outWidth - 1) * sw - inWidth - left;
  const b = backend as unknown as DisposingBackend;
  const temps: TensorInfo[] = [];
  let src = x;
  if (bottom < 0 || right < 0) {
    src = call('Slice', { x }, backend, {
      begin: [0, 0, 0, 0],
      size: [x.shape[0], inHeight + Math.min(0, bottom), inWidth + Math.min(0, right), x.shape[3]],
    });
    temps.push(src);
  }
  const xt = call('Transpose', { x: src }, backend, { perm: [3, 1, 2, 0] });
  const dyt = call('Transpose', { x: dy }, backend, { perm: [1, 2, 0, 3] });
  temps.push(xt, dyt);
  const explicit = [
    [0, 0],
    [top, Math.max(0, bottom)],
    [left, Math.max(0, right)],
    [0, 0],
  ];
  const dwt = call('Conv2D', { x: xt, filter: dyt }, backend, {
    strides: [1, 1],
    pad: explicit,
    dataFormat: 'NHWC',
    dilations: [sh, sw],
    dimRoundingMode: undefined,
  });
  temps.push(dwt);
  const dw = call('Transpose', { x: dwt }, backend, { perm: [1, 2, 0, 3] });
  for (const t of temps) b.disposeData(t.dataId);
  return dw;
};

export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm,
};

function conv2DBackpropInputWasm(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
      attrs as unknown as Conv2DBackpropInputAttrs;
    if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') return fallback(args);
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth } = info;
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = inHeight - outHeight + kh - 1 - top;
    const right = inWidth - outWidth + kw - 1 - left;
    if (info.strideHeight !== 1 || info.strideWidth !== 1 || Math.min(top, left, bottom, right) < 0) {
      return fallback(args);
    }
    const b = backend as unknown as DisposingBackend;
    const flipped = call('Reverse', { x: filter }, backend, { dims: [0, 1] });
    const swapped = call('Transpose', { x: flipped }, backend, { perm: [0, 1, 3, 2] });
    const dx = call('Conv2D', { x: dy, filter: swapped }, backend, {
      strides: [1, 1],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [1, 1],
      dimRoundingMode: undefined,
    });
    b.disposeData(flipped.dataId);
    b.disposeData(swapped.dataId);
    return dx;
  };
}

let registered = false;

/**
 * Registers both kernels for 'wasm' once (call before training; a second call is a no-op). The
 * wasm backend module must be imported first, so that its own Conv2DBackpropInput is kept as
 * the fallback for strides other than 1.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  if (!getKernel(Conv2DBackpropFilter, 'wasm')) registerKernel(conv2DBackpropFilterWasmConfig);
  const own = getKernel(Conv2DBackpropInput, 'wasm');
  if (own) {
    unregisterKernel(Conv2DBackpropInput, 'wasm');
    registerKernel({ ...own, kernelFunc: conv2DBackpropInputWasm(own.kernelFunc) });
  }
}
