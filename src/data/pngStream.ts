/**
 * A PNG decoder for photos too large to decode whole: it reads the file chunk by chunk, inflates
 * the image data as a stream (the browser's own DecompressionStream), undoes each scanline's
 * filter and averages the pixels straight into a small output image, so memory stays at two
 * scanlines plus the output, whatever the photo's size (a 20,000 x 20,000 photo decoded whole
 * would need 1.6 GB). The compressed data goes to the decompressor in pieces of at most
 * PIECE_BYTES: deflate inflates up to about 1,032 times, and the decompressor writes out all that
 * one piece holds at once, so a large piece of a one-colour image would sit in memory as gigabytes
 * (a 30,000 x 30,000 one-colour PNG once did). A header whose image would inflate to more than
 * MAX_INFLATED_BYTES is refused before any data is read. The format follows the PNG specification (W3C, 2nd edition, 2003): the
 * chunk layout (section 5), IHDR (11.2.2), scanline filters (section 9) and the Paeth predictor.
 * Non-interlaced images of every colour type and bit depth; an interlaced one is refused here
 * (the caller then tries the browser's decoder). Runs in a worker or on the page, no DOM needed.
 */

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlaced: boolean;
}

/** Why a PNG could not be decoded by the streaming decoder (a damaged or unsupported file). */
export class PngStreamError extends Error {}

/** Compressed bytes handed to the decompressor at a time: at most about 16 MB inflated. */
export const PIECE_BYTES = 16 * 1024;
/**
 * The most inflated image data (scanlines and their filter bytes) a PNG may declare: 4 GB, above
 * any camera's photo (a 100-megapixel 16-bit RGB is 0.6 GB) and below what takes minutes.
 */
export const MAX_INFLATED_BYTES = 4 * 2 ** 30;

/** The bytes of image data a PNG header declares once inflated: height x (1 filter byte + row bytes). */
export function inflatedBytes(h: Pick<PngHeader, 'width' | 'height' | 'bitDepth' | 'colourType'>): number {
  const channels = CHANNELS[h.colourType] ?? 4;
  return h.height * (1 + Math.ceil((h.width * channels * h.bitDepth) / 8));
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel for each colour type: grey, -, RGB, palette, grey + alpha, -, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes the PNG in `file` and box-averages it to `outWidth` x `outHeight` RGBA bytes (each output
 * pixel the mean of the source pixels that fall in it; alpha is composited over white paper and
 * the output is opaque). Throws PngStreamError for a damaged, truncated or interlaced file.
 */
export async function decodePngScaled(
  file: Blob,
  outWidth: number,
  outHeight: number,
  signal?: AbortSignal,
): Promise<{ header: PngHeader; rgba: Uint8ClampedArray }> {
  const head = new Uint8Array(await file.slice(0, 33).arrayBuffer());
  if (head.length < 33 || SIGNATURE.some((b, i) => head[i] !== b)) throw new PngStreamError('not a PNG file');
  const hv = new DataView(head.buffer);
  if (String.fromCharCode(...head.subarray(12, 16)) !== 'IHDR') throw new PngStreamError('no IHDR chunk');
  const header: PngHeader = {
    width: hv.getUint32(16),
    height: hv.getUint32(20),
    bitDepth: head[24]!,
    colourType: head[25]!,
    interlaced: head[28] === 1,
  };
  const channels = CHANNELS[header.colourType];
  if (!channels || header.width === 0 || header.height === 0 || ![1, 2, 4, 8, 16].includes(header.bitDepth)) {
    throw new PngStreamError('an unsupported PNG header');
  }
  if (header.interlaced) throw new PngStreamError('an interlaced PNG');
  const inflated = inflatedBytes(header);
  if (inflated > MAX_INFLATED_BYTES)
    throw new PngStreamError(
      `its image data would take ${(inflated / 2 ** 30).toFixed(1)} GB once decompressed (${header.bitDepth} bits per channel), more than the ${MAX_INFLATED_BYTES / 2 ** 30} GB the lab reads`,
    );

  let palette: Uint8Array | null = null;
  let paletteAlpha: Uint8Array | null = null;
  let offset = 8;
  /** The part of the current IDAT chunk not yet handed on: [from, to) in the file. */
  let rest = { from: 0, to: 0 };
  /** The image data, in pieces of at most PIECE_BYTES, as the decompressor pulls it. */
  const idat = new ReadableStream<BufferSource>({
    async pull(controller) {
      if (signal?.aborted) throw signal.reason;
      if (rest.from < rest.to) {
        const end = Math.min(rest.to, rest.from + PIECE_BYTES);
        const data = new Uint8Array(await file.slice(rest.from, end).arrayBuffer());
        if (data.length < end - rest.from)
          throw new PngStreamError('the file ends inside the image data (truncated?)');
        rest = { from: end, to: rest.to };
        controller.enqueue(data);
        return;
      }
      for (;;) {
        const h = new Uint8Array(await file.slice(offset, offset + 8).arrayBuffer());
        if (h.length < 8) throw new PngStreamError('the file ends before the image does (truncated?)');
        const length = new DataView(h.buffer).getUint32(0);
        const type = String.fromCharCode(...h.subarray(4, 8));
        const start = offset + 8;
        offset = start + length + 4; // data, then the CRC
        if (type === 'IEND') {
          controller.close();
          return;
        }
        if (type === 'IDAT') {
          if (start + length > file.size)
            throw new PngStreamError('the file ends inside the image data (truncated?)');
          const end = Math.min(start + length, start + PIECE_BYTES);
          const data = new Uint8Array(await file.slice(start, end).arrayBuffer());
          rest = { from: end, to: start + length };
          controller.enqueue(data);
          return;
        }
        if (type === 'PLTE') palette = new Uint8Array(await file.slice(start, start + length).arrayBuffer());
        if (type === 'tRNS' && header.colourType === 3) {
          paletteAlpha = new Uint8Array(await file.slice(start, start + length).arrayBuffer());
        }
      }
    },
  });

  const { width, height, bitDepth } = header;
  const bitsPerPixel = channels * bitDepth;
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  /** Bytes to the corresponding byte of the pixel on the left (at least 1), for the filters. */
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const colOut = new Uint32Array(width);
  for (let x = 0; x < width; x++) colOut[x] = Math.min(outWidth - 1, Math.floor((x * outWidth) / width));
  const sums = new Float64Array(outWidth * outHeight * 3);
  const counts = new Uint32Array(outWidth * outHeight);
  let prev = new Uint8Array(rowBytes);
  let cur = new Uint8Array(rowBytes);
  let filter = -1;
  let filled = 0;
  let y = 0;
  /** One scanline's pixels as 8-bit RGB, composited over white. */
  const rgb = new Uint8Array(width * 3);

  /** An 8-bit grey image (the common large case, a scan) skips the RGB conversion. */
  const grey8 = bitDepth === 8 && header.colourType === 0;
  const addRow = () => {
    unfilter(filter, cur, prev, bpp);
    const base = Math.min(outHeight - 1, Math.floor((y * outHeight) / height)) * outWidth;
    if (grey8) {
      for (let x = 0; x < width; x++) {
        const o = base + colOut[x]!;
        sums[3 * o] = sums[3 * o]! + cur[x]!;
        counts[o] = counts[o]! + 1;
      }
    } else {
      toRgb(cur, rgb, header, palette, paletteAlpha);
      for (let x = 0; x < width; x++) {
        const o = base + colOut[x]!;
        sums[3 * o] = sums[3 * o]! + rgb[3 * x]!;
        sums[3 * o + 1] = sums[3 * o + 1]! + rgb[3 * x + 1]!;
        sums[3 * o + 2] = sums[3 * o + 2]! + rgb[3 * x + 2]!;
        counts[o] = counts[o]! + 1;
      }
    }
    [prev, cur] = [cur, prev];
    y++;
  };

  const reader = idat.pipeThrough(new DecompressionStream('deflate')).getReader();
  try {
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel();
        throw signal.reason;
      }
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.length && y < height;) {
        if (filter < 0) {
          filter = value[i++]!;
          if (filter > 4) throw new PngStreamError(`an unknown scanline filter (${filter})`);
          continue;
        }
        const take = Math.min(rowBytes - filled, value.length - i);
        cur.set(value.subarray(i, i + take), filled);
        filled += take;
        i += take;
        if (filled === rowBytes) {
          addRow();
          filter = -1;
          filled = 0;
        }
      }
    }
  } catch (e) {
    if (e instanceof PngStreamError || signal?.aborted) throw e;
    throw new PngStreamError(`the image data is damaged (${(e as Error).message})`);
  }
  if (y < height) throw new PngStreamError(`the image data stops after ${y} of ${height} rows (truncated?)`);

  const rgba = new Uint8ClampedArray(outWidth * outHeight * 4);
  for (let o = 0; o < counts.length; o++) {
    const n = counts[o] || 1;
    rgba[4 * o] = sums[3 * o]! / n;
    rgba[4 * o + 1] = sums[3 * o + (grey8 ? 0 : 1)]! / n;
    rgba[4 * o + 2] = sums[3 * o + (grey8 ? 0 : 2)]! / n;
    rgba[4 * o + 3] = 255;
  }
  return { header, rgba };
}

/** Undoes one scanline's filter in place (PNG section 9.2), given the previous unfiltered line. */
function unfilter(type: number, cur: Uint8Array, prev: Uint8Array, bpp: number) {
  const n = cur.length;
  switch (type) {
    case 1:
      for (let i = bpp; i < n; i++) cur[i] = cur[i]! + cur[i - bpp]!;
      break;
    case 2:
      for (let i = 0; i < n; i++) cur[i] = cur[i]! + prev[i]!;
      break;
    case 3:
      for (let i = 0; i < n; i++) cur[i] = cur[i]! + (((i >= bpp ? cur[i - bpp]! : 0) + prev[i]!) >> 1);
      break;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? cur[i - bpp]! : 0;
        const b = prev[i]!;
        const c = i >= bpp ? prev[i - bpp]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        cur[i] = cur[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      break;
    default: // 0: none
  }
}

/** Converts one unfiltered scanline to 8-bit RGB, alpha composited over white. */
function toRgb(
  line: Uint8Array,
  out: Uint8Array,
  h: PngHeader,
  palette: Uint8Array | null,
  paletteAlpha: Uint8Array | null,
) {
  const { width, bitDepth, colourType } = h;
  if (bitDepth === 8 && colourType === 2) {
    out.set(line.subarray(0, 3 * width));
    return;
  }
  const channels = CHANNELS[colourType]!;
  const max = (1 << bitDepth) - 1;
  /** Sample s of pixel x, scaled to 0..255 (palette indices unscaled). */
  const sample = (x: number, s: number): number => {
    if (bitDepth === 8) return line[x * channels + s]!;
    if (bitDepth === 16) return line[2 * (x * channels + s)]!; // the high byte
    const bit = x * bitDepth; // one channel only (grey or palette) below 8 bits
    const v = (line[bit >> 3]! >> (8 - bitDepth - (bit & 7))) & max;
    return colourType === 3 ? v : Math.round((v * 255) / max);
  };
  for (let x = 0; x < width; x++) {
    let r: number, g: number, b: number;
    let a = 255;
    if (colourType === 3) {
      const i = sample(x, 0);
      if (!palette || 3 * i + 2 >= palette.length) throw new PngStreamError('a palette index out of range');
      r = palette[3 * i]!;
      g = palette[3 * i + 1]!;
      b = palette[3 * i + 2]!;
      if (paletteAlpha && i < paletteAlpha.length) a = paletteAlpha[i]!;
    } else if (colourType === 0 || colourType === 4) {
      r = g = b = sample(x, 0);
      if (colourType === 4) a = sample(x, 1);
    } else {
      r = sample(x, 0);
      g = sample(x, 1);
      b = sample(x, 2);
      if (colourType === 6) a = sample(x, 3);
    }
    if (a < 255) {
      r = (r * a + 255 * (255 - a)) / 255;
      g = (g * a + 255 * (255 - a)) / 255;
      b = (b * a + 255 * (255 - a)) / 255;
    }
    out[3 * x] = r;
    out[3 * x + 1] = g;
    out[3 * x + 2] = b;
  }
}
