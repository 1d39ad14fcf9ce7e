/**
 * Test support: a "photo" of a digit written on paper, generated from a 28x28 digit. The digit is
 * scaled up, rotated a little, drawn dark on light paper whose brightness varies slowly, with
 * pixel noise; returned as RGBA bytes, and encodable as a PNG file (for the end-to-end tests).
 */
import { crc32, deflateSync } from 'node:zlib';

export interface PhotoSpec {
  width: number;
  height: number;
  /** 28 * 28 intensities in [0, 1] (white ink on black, as MNIST). */
  digit: ArrayLike<number>;
  /** Pixels of the photo per digit pixel. */
  scale: number;
  /** Rotation of the digit, in degrees. */
  degrees: number;
  /** Paper and ink gray levels in [0, 255]; dark on light when ink < paper. */
  paper: number;
  ink: number;
  /** Standard deviation of the pixel noise, in gray levels. */
  noise: number;
  seed: number;
  /** Where the digit's centre lands, as fractions of the width and height (default the middle). */
  at?: [number, number];
}

/** A small seeded generator (xorshift32): uniforms in [0, 1), enough for test noise and images. */
export function rng(seed: number) {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4_294_967_296;
  };
}

/** Bilinear sample of the 28x28 digit at (u, v) in digit pixels (0 outside). */
function sample(d: ArrayLike<number>, u: number, v: number): number {
  const x0 = Math.floor(u - 0.5);
  const y0 = Math.floor(v - 0.5);
  const fx = u - 0.5 - x0;
  const fy = v - 0.5 - y0;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= 28 || y >= 28 ? 0 : d[y * 28 + x]!);
  return (
    (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) +
    fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1))
  );
}

export function photoRgba(s: PhotoSpec): Uint8ClampedArray {
  const out = new Uint8ClampedArray(s.width * s.height * 4);
  const rand = rng(s.seed);
  const [fx, fy] = s.at ?? [0.5, 0.5];
  const cx = fx * s.width;
  const cy = fy * s.height;
  const th = (s.degrees * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  for (let y = 0; y < s.height; y++) {
    for (let x = 0; x < s.width; x++) {
      // Inverse rotation into the digit's frame, then into digit pixels.
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = (cos * dx + sin * dy) / s.scale + 14;
      const v = (-sin * dx + cos * dy) / s.scale + 14;
      const a = sample(s.digit, u, v);
      const shade = 1 - 0.08 * (x / s.width) - 0.05 * (y / s.height); // uneven lighting
      const noise = s.noise * Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
      const g = (s.paper * (1 - a) + s.ink * a) * shade + noise;
      const i = 4 * (y * s.width + x);
      out[i] = g + 6; // a slightly warm paper
      out[i + 1] = g;
      out[i + 2] = g - 8;
      out[i + 3] = 255;
    }
  }
  return out;
}

/** A PNG file (8-bit RGB, no interlace) of RGBA pixels; zlib level 0..9. */
export function encodePng(rgba: Uint8ClampedArray, width: number, height: number, level = 6): Uint8Array {
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + 3 * width);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      raw.set([rgba[i]!, rgba[i + 1]!, rgba[i + 2]!], row + 1 + 3 * x);
    }
  }
  return pngFile(width, height, 2, deflateSync(raw, { level }));
}

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk: length, 4-letter type, data, CRC-32 of type and data (PNG spec, section 5.3). */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(Buffer.from(type, 'ascii'), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG file around already-deflated image data (colour type 0 gray, 2 RGB or 6 RGBA; 8 or 16 bits). */
export function pngFile(
  width: number,
  height: number,
  colourType: 0 | 2 | 6,
  idat: Uint8Array,
  bitDepth: 8 | 16 = 8,
): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([bitDepth, colourType, 0, 0, 0], 8);
  const parts = [
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
