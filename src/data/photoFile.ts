/**
 * Limits and messages for a photo file chosen by the student, and the decode that turns it into a
 * small RGBA image (in a worker; see photoDecode.worker.ts). Nothing is uploaded: the file is read
 * with Blob methods and decoded by the browser's own image decoder, or, for a PNG too large to
 * decode whole, by the streaming decoder in pngStream.ts.
 */
import { HEADER_BYTES, readImageSize, type ImageSize } from './imageHeader';
import { decodePngScaled, PngStreamError } from './pngStream';

/** Files above this size are refused before reading them. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/**
 * Images up to this many pixels are decoded whole by the browser (4 bytes a pixel: 400 MB here)
 * before being scaled down; a larger PNG is decoded as a stream and scaled down row by row, and
 * other formats are still handed to the browser, which may or may not manage.
 */
export const DIRECT_DECODE_PIXELS = 100_000_000;
/**
 * Images above this many pixels are refused before decoding: even streamed, a gigapixel takes
 * tens of seconds, and no camera makes one (a 20,000 x 20,000 scan is 400 megapixels).
 */
export const MAX_PIXELS = 1_000_000_000;
/** The longer side of the working image the pipeline sees. */
export const WORKING_SIDE = 512;

export type DecodeFailure = {
  ok: false;
  kind: 'not-image' | 'too-large' | 'decode-failed' | 'cancelled';
  message: string;
};
export type DecodeResult =
  | {
      ok: true;
      width: number;
      height: number;
      rgba: Uint8ClampedArray;
      originalWidth: number;
      originalHeight: number;
    }
  | DecodeFailure;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const px = (n: number) => n.toLocaleString('en');

/** Why a file cannot be used, before decoding it, or null when it may be decoded. */
export function checkPhotoFile(
  name: string,
  bytes: number,
  mime: string,
  size: ImageSize | null,
): DecodeFailure | null {
  if (bytes === 0) return { ok: false, kind: 'not-image', message: `“${name}” is empty.` };
  if (!size && mime !== '' && !mime.startsWith('image/')) {
    return {
      ok: false,
      kind: 'not-image',
      message: `“${name}” is not an image (${mime}). Choose a photo (JPEG, PNG or WebP).`,
    };
  }
  if (bytes > MAX_FILE_BYTES) {
    return {
      ok: false,
      kind: 'too-large',
      message: `“${name}” is ${mb(bytes)}; the lab reads photos up to ${mb(MAX_FILE_BYTES)}. Take a smaller photo or crop it first.`,
    };
  }
  if (size && size.width * size.height > MAX_PIXELS) {
    return {
      ok: false,
      kind: 'too-large',
      message: `“${name}” is ${px(size.width)} × ${px(size.height)} pixels (${px(Math.round((size.width * size.height) / 1e6))} megapixels); the lab decodes photos up to ${px(MAX_PIXELS / 1e6)} megapixels. Take a smaller photo or crop it first.`,
    };
  }
  return null;
}

/** The working size: the longer side at most `maxSide`, keeping the aspect ratio. */
export function workingSize(
  width: number,
  height: number,
  maxSide = WORKING_SIDE,
): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/**
 * Decodes `file` and scales it down to the working size, on the thread that calls it (a worker in
 * the app). Uses createImageBitmap's resize options, so the full-size pixels are never drawn to a
 * canvas, and an OffscreenCanvas to read the small image back; a non-interlaced PNG above
 * DIRECT_DECODE_PIXELS is streamed instead (pngStream.ts), so it never exists at full size.
 */
export async function decodePhotoHere(
  file: Blob,
  name: string,
  maxSide = WORKING_SIDE,
  signal?: AbortSignal,
): Promise<DecodeResult> {
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const size = readImageSize(head);
  const problem = checkPhotoFile(name, file.size, file.type, size);
  if (problem) return problem;
  if (size && size.format === 'png' && size.width * size.height > DIRECT_DECODE_PIXELS) {
    const streamed = await decodeLargePng(file, name, size, maxSide, signal);
    if (streamed) return streamed;
    // Interlaced: only the browser's decoder reads it; try that below.
  }
  let bitmap: ImageBitmap;
  try {
    if (size) {
      // Only the width is given: the height follows the decoded image's aspect ratio, which stays
      // right when the camera's orientation tag turns the picture.
      bitmap = await createImageBitmap(file, {
        resizeWidth: workingSize(size.width, size.height, maxSide).width,
        resizeQuality: 'high',
      });
    } else {
      const full = await createImageBitmap(file);
      const w = workingSize(full.width, full.height, maxSide);
      bitmap = await createImageBitmap(full, {
        resizeWidth: w.width,
        resizeHeight: w.height,
        resizeQuality: 'high',
      });
      full.close();
    }
  } catch {
    return size
      ? {
          ok: false,
          kind: 'decode-failed',
          message: `“${name}” looks like a ${size.format.toUpperCase()} image of ${px(size.width)} × ${px(size.height)} pixels, but this browser could not decode it (a damaged or unusually large file?). Try another photo.`,
        }
      : {
          ok: false,
          kind: 'not-image',
          message: `“${name}” is not an image this browser can read. Choose a photo (JPEG, PNG or WebP).`,
        };
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to read the photo');
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const out: DecodeResult = {
    ok: true,
    width: bitmap.width,
    height: bitmap.height,
    rgba: data,
    originalWidth: size?.width ?? bitmap.width,
    originalHeight: size?.height ?? bitmap.height,
  };
  bitmap.close();
  return out;
}

/**
 * A large PNG, decoded as a stream and scaled down as it goes; null when it is interlaced (which
 * the streaming decoder does not read), a failure with the decoder's reason when it is damaged.
 */
async function decodeLargePng(
  file: Blob,
  name: string,
  size: ImageSize,
  maxSide: number,
  signal?: AbortSignal,
): Promise<DecodeResult | null> {
  const w = workingSize(size.width, size.height, maxSide);
  try {
    const { rgba } = await decodePngScaled(file, w.width, w.height, signal);
    return {
      ok: true,
      ...w,
      rgba,
      originalWidth: size.width,
      originalHeight: size.height,
    };
  } catch (e) {
    if (signal?.aborted) return { ok: false, kind: 'cancelled', message: 'The photo was set aside.' };
    if (!(e instanceof PngStreamError)) throw e;
    if (e.message.includes('interlaced')) return null;
    return {
      ok: false,
      kind: 'decode-failed',
      message: `“${name}” looks like a PNG image of ${px(size.width)} × ${px(size.height)} pixels, but it could not be read: ${e.message}. Try another photo.`,
    };
  }
}
