/**
 * Images for the geometry plot without PNG compression. A region grid upscaled to 240 x 240 pixels
 * took the page's thread 30 to 500 ms to encode as PNG (canvas.toDataURL; the smoother the picture,
 * the cheaper); an uncompressed BMP costs about as much as copying its bytes. The format: a 14-byte
 * file header, a 108-byte BITMAPV4HEADER (BI_BITFIELDS with an alpha mask, so transparent pixels
 * stay transparent), then 32-bit pixels, rows top to bottom (negative height).
 */

const FILE_HEADER = 14;
const INFO_HEADER = 108;

/**
 * `rgba` (width x height pixels, 4 bytes each, row 0 at the top, as ImageData holds them) as a
 * `data:image/bmp;base64,...` URL.
 */
export function bmpDataUrl(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): string {
  if (rgba.length !== width * height * 4) throw new RangeError('rgba must hold width * height * 4 bytes');
  const offset = FILE_HEADER + INFO_HEADER;
  const bytes = new Uint8Array(offset + rgba.length);
  const v = new DataView(bytes.buffer);
  bytes[0] = 0x42; // 'B'
  bytes[1] = 0x4d; // 'M'
  v.setUint32(2, bytes.length, true);
  v.setUint32(10, offset, true);
  v.setUint32(14, INFO_HEADER, true);
  v.setInt32(18, width, true);
  v.setInt32(22, -height, true); // negative: rows stored top to bottom
  v.setUint16(26, 1, true); // planes
  v.setUint16(28, 32, true); // bits per pixel
  v.setUint32(30, 3, true); // BI_BITFIELDS
  v.setUint32(34, rgba.length, true);
  v.setUint32(38, 2835, true); // 72 dpi
  v.setUint32(42, 2835, true);
  // Masks of the little-endian 32-bit pixel (bytes B, G, R, A).
  v.setUint32(54, 0x00ff0000, true);
  v.setUint32(58, 0x0000ff00, true);
  v.setUint32(62, 0x000000ff, true);
  v.setUint32(66, 0xff000000, true);
  v.setUint32(70, 0x73524742, true); // 'sRGB' colour space; endpoints and gammas stay 0
  for (let i = 0, o = offset; i < rgba.length; i += 4, o += 4) {
    bytes[o] = rgba[i + 2]!;
    bytes[o + 1] = rgba[i + 1]!;
    bytes[o + 2] = rgba[i]!;
    bytes[o + 3] = rgba[i + 3]!;
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return `data:image/bmp;base64,${btoa(binary)}`;
}
