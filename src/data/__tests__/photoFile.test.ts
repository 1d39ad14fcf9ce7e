import { describe, expect, it } from 'vitest';
import { checkPhotoFile, MAX_FILE_BYTES, workingSize } from '../photoFile';

describe('checkPhotoFile', () => {
  it('lets a 20,000 x 20,000 PNG through to be decoded (streamed), where it was refused before', () => {
    expect(
      checkPhotoFile('scan.png', 400_000, 'image/png', { format: 'png', width: 20_000, height: 20_000 }),
    ).toBe(null);
  });

  it('names and refuses an image above 1,000 megapixels, a file above the size limit and an empty file', () => {
    const huge = checkPhotoFile('huge.png', 1000, 'image/png', {
      format: 'png',
      width: 40_000,
      height: 40_000,
    });
    expect(huge).toMatchObject({ ok: false, kind: 'too-large' });
    expect(huge!.message).toContain('“huge.png” is 40,000 × 40,000 pixels (1,600 megapixels)');
    expect(checkPhotoFile('big.jpg', MAX_FILE_BYTES + 1, 'image/jpeg', null)).toMatchObject({
      kind: 'too-large',
    });
    expect(checkPhotoFile('empty.png', 0, 'image/png', null)).toMatchObject({ kind: 'not-image' });
  });

  it('scales the longer side down to the working size, keeping the aspect ratio', () => {
    expect(workingSize(20_000, 20_000)).toEqual({ width: 512, height: 512 });
    expect(workingSize(20_000, 1000)).toEqual({ width: 512, height: 26 });
    expect(workingSize(300, 200)).toEqual({ width: 300, height: 200 });
  });
});
