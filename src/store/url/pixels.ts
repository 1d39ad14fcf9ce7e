/**
 * A drawn or photographed digit in the URL ("px=..."): its 28 x 28 intensities as bytes
 * (round(v * 255)), the runs of zero bytes packed, then written in base64url (A-Z a-z 0-9 - _, no
 * padding), so the value needs no escaping in a query. An MNIST-style digit is mostly background,
 * so a value is short: 111 to 458 characters for the 2,000 shipped test digits (median 272), about
 * 110 to 320 for drawn ones, against 1,046 for the 784 bytes unpacked; the longest possible is 1,568.
 *
 * Packing: a zero byte is always followed by a count c (1 to 255) and stands for c zero bytes; any
 * other byte stands for itself. A run longer than 255 is written as several, each as long as it can
 * be. Every image has exactly one text, and reading checks it: a value is accepted only if writing
 * what it decodes to gives the same text back, so a truncated, edited or garbled value is refused
 * with a reason instead of turning into some other picture.
 *
 * The lab quantises every drawn input to these k / 255 levels when it is set (quantizePixels), the
 * same levels the gallery digits have, so a link decodes to exactly the input that was certified
 * and reproduces its numbers. Pure functions.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((ch, i) => [ch, i]));

/** The number of values of a 28 x 28 input. */
export const PIXEL_COUNT = 28 * 28;

/** The longest text a value of `length` pixels can have (every zero alone costs two bytes). */
export function maxPixelsTextLength(length: number = PIXEL_COUNT): number {
  const bytes = length + Math.ceil(length / 2);
  return Math.ceil((bytes * 4) / 3);
}

/** An intensity in [0, 1] as a byte: round(v * 255), clamped; NaN counts as 0 (background). */
function toByte(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 1) return 255;
  return Math.round(v * 255);
}

/** The intensities as bytes (see toByte). */
export function pixelsToBytes(x: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = toByte(x[i]!);
  return out;
}

/** Bytes back to intensities b / 255, as the gallery digits are read. */
export function bytesToPixels(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! / 255;
  return out;
}

/**
 * The input the lab certifies for a drawn or photographed digit: each intensity moved to the
 * nearest of the 256 levels k / 255 a link can carry (and a gallery digit has), so the input
 * decoded from a link equals it value for value. Idempotent.
 */
export function quantizePixels(x: ArrayLike<number>): Float32Array {
  return bytesToPixels(pixelsToBytes(x));
}

/** Whether two inputs are the same image at byte precision (same length, same bytes). */
export function samePixels(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (toByte(a[i]!) !== toByte(b[i]!)) return false;
  return true;
}

/** Packs the runs of zero bytes (see the file's comment). */
export function packZeros(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] !== 0) {
      out.push(bytes[i++]!);
      continue;
    }
    let run = 0;
    while (i < bytes.length && bytes[i] === 0 && run < 255) {
      run++;
      i++;
    }
    out.push(0, run);
  }
  return Uint8Array.from(out);
}

/** Unpacks packZeros' output into exactly `length` bytes, or says why it cannot. */
export function unpackZeros(packed: Uint8Array, length: number): Uint8Array | string {
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < packed.length; i++) {
    const b = packed[i]!;
    if (b !== 0) {
      if (o >= length) return `it holds more than ${length} pixels`;
      out[o++] = b;
      continue;
    }
    const run = packed[++i];
    if (run === undefined) return 'it ends in the middle of a run of background pixels';
    if (run === 0) return 'it holds a run of no pixels';
    if (o + run > length) return `it holds more than ${length} pixels`;
    o += run; // already zero
  }
  if (o < length) return `it holds ${o} pixels, not ${length}`;
  return out;
}

/** Bytes in base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    s += ALPHABET[a >> 2]!;
    s += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) s += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) s += ALPHABET[c & 63]!;
  }
  return s;
}

/**
 * base64url (no padding) back to bytes, or the reason it is not: a character outside the alphabet,
 * a length no byte string has, or unused bits that are not zero.
 */
export function fromBase64Url(text: string): Uint8Array | string {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const v = INDEX.get(text[i]!);
    if (v === undefined) {
      return `character ${i + 1} ("${text[i]}") is not one of A-Z, a-z, 0-9, "-" and "_"`;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
      acc &= (1 << bits) - 1;
    }
  }
  if (text.length % 4 === 1) return `its length (${text.length}) is not that of any base64url text`;
  if (acc !== 0) return 'its last character has bits that belong to no byte';
  return out;
}

/** The URL text of an input (28 x 28 values in [0, 1]; see the file's comment). */
export function encodePixels(x: ArrayLike<number>): string {
  return toBase64Url(packZeros(pixelsToBytes(x)));
}

/**
 * The input a URL text holds (`length` values b / 255), or the reason it holds none: empty, too
 * long, a bad character, a length no value has, the wrong number of pixels, or any text that is
 * not exactly what encodePixels writes for its image.
 */
export function decodePixels(
  text: string,
  length: number = PIXEL_COUNT,
): { pixels: Float32Array } | { error: string } {
  if (text === '') return { error: 'it is empty' };
  const longest = maxPixelsTextLength(length);
  if (text.length > longest) {
    return { error: `it is ${text.length} characters long; ${length} pixels take at most ${longest}` };
  }
  const packed = fromBase64Url(text);
  if (typeof packed === 'string') return { error: packed };
  const bytes = unpackZeros(packed, length);
  if (typeof bytes === 'string') return { error: bytes };
  if (toBase64Url(packZeros(bytes)) !== text)
    return { error: 'it is not written the way the lab writes a digit' };
  return { pixels: bytesToPixels(bytes) };
}
