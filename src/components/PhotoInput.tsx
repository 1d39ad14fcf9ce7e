import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { decodePhoto } from '../data/decodePhoto';
import { photoToMnist, type Crop } from '../data/photo';
import { DigitCanvas } from './DigitCanvas';

type Loaded = {
  name: string;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  originalWidth: number;
  originalHeight: number;
};

/** Draws a grayscale or ink image (values in [0, 1]) with an optional crop rectangle. */
function StepCanvas({
  values,
  width,
  height,
  crop,
  label,
  invert = false,
}: {
  values: Float32Array;
  width: number;
  height: number;
  crop?: Crop;
  label: string;
  invert?: boolean;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    const px = img.data;
    for (let i = 0; i < values.length; i++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, invert ? 1 - values[i]! : values[i]!)));
      px[4 * i] = px[4 * i + 1] = px[4 * i + 2] = v;
      px[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    if (crop) {
      ctx.strokeStyle = '#e8590c';
      ctx.lineWidth = Math.max(2, Math.round(Math.max(width, height) / 150));
      ctx.strokeRect(crop.x, crop.y, crop.w, crop.h);
    }
  }, [values, width, height, crop, invert]);
  return (
    <canvas
      ref={ref}
      width={width}
      height={height}
      className="photo-step"
      style={{ width: 160, height: (160 * height) / width }}
      role="img"
      aria-label={label}
    />
  );
}

const pctOf = (v: number, total: number) => Math.round((100 * v) / total);

/**
 * The student's own digit from a photo of paper: a file picker and a camera capture (where the
 * browser offers one). The file is decoded and scaled down in a worker, then turned into an
 * MNIST-style input step by step (src/data/photo.ts), each step shown, with an adjustable crop.
 * The lab's input changes only when the student presses "Use this digit"; nothing is uploaded.
 */
export const PhotoInput = memo(function PhotoInput({ onUse }: { onUse: (x: Float32Array) => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'error' | 'used'; text: string }>({
    kind: 'idle',
    text: '',
  });
  /** Crop edges in percent of the working image: left, top, right, bottom; null = automatic. */
  const [edges, setEdges] = useState<[number, number, number, number] | null>(null);
  const request = useRef(0);
  /** The decode in progress, stopped when a newer file is chosen or the dialog closes (unmount). */
  const decoding = useRef<AbortController | null>(null);
  useEffect(() => () => decoding.current?.abort(), []);
  const id = useId();

  const crop: Crop | undefined =
    loaded && edges
      ? {
          x: (edges[0] / 100) * loaded.width,
          y: (edges[1] / 100) * loaded.height,
          w: Math.max(1, ((edges[2] - edges[0]) / 100) * loaded.width),
          h: Math.max(1, ((edges[3] - edges[1]) / 100) * loaded.height),
        }
      : undefined;
  const result = useMemo(
    () => (loaded ? photoToMnist(loaded.rgba, loaded.width, loaded.height, crop) : null),
    // crop is derived from edges and loaded
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [loaded, edges],
  );
  const shownCrop = result ? (result.ok ? result.crop : (result.crop ?? undefined)) : undefined;
  const shownEdges: [number, number, number, number] | null =
    edges ??
    (loaded && shownCrop
      ? [
          pctOf(shownCrop.x, loaded.width),
          pctOf(shownCrop.y, loaded.height),
          pctOf(shownCrop.x + shownCrop.w, loaded.width),
          pctOf(shownCrop.y + shownCrop.h, loaded.height),
        ]
      : null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    const mine = ++request.current;
    decoding.current?.abort();
    const job = new AbortController();
    decoding.current = job;
    setStatus({ kind: 'busy', text: `Reading “${file.name}” in the background…` });
    const r = await decodePhoto(file, job.signal);
    if (mine !== request.current) return; // a newer file was chosen meanwhile
    if (!r.ok) {
      setStatus({ kind: 'error', text: `${r.message} Your current input is unchanged.` });
      return;
    }
    setLoaded({ name: file.name, ...r });
    setEdges(null);
    setStatus({
      kind: 'idle',
      text:
        r.originalWidth > r.width || r.originalHeight > r.height
          ? `“${file.name}”: ${r.originalWidth.toLocaleString('en')} × ${r.originalHeight.toLocaleString('en')} pixels, scaled down to ${r.width} × ${r.height} in the background.`
          : `“${file.name}”: ${r.width} × ${r.height} pixels.`,
    });
  };

  const setEdge = (i: 0 | 1 | 2 | 3, v: number) => {
    const e: [number, number, number, number] = [...(shownEdges ?? [0, 0, 100, 100])];
    e[i] = v;
    // Keep at least 2% between opposite edges.
    if (i === 0) e[0] = Math.min(v, e[2] - 2);
    if (i === 2) e[2] = Math.max(v, e[0] + 2);
    if (i === 1) e[1] = Math.min(v, e[3] - 2);
    if (i === 3) e[3] = Math.max(v, e[1] + 2);
    setEdges(e);
  };

  const gray = result?.gray;
  return (
    <div className="photo-input" data-testid="photo-input">
      <p className="hint">
        Write a digit with a dark pen on white paper and take a photo, or choose one you have. It is read in
        this browser only; nothing is uploaded.
      </p>
      <div className="row">
        <label className="file-button">
          Choose a photo of a digit{' '}
          <input
            type="file"
            accept="image/*"
            data-testid="photo-file"
            onChange={(e) => void open(e.target.files?.[0])}
          />
        </label>
        <label className="file-button">
          Take a photo{' '}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="photo-camera"
            onChange={(e) => void open(e.target.files?.[0])}
          />
        </label>
      </div>
      <p
        className={status.kind === 'error' ? 'notice notice-error' : 'hint'}
        role={status.kind === 'error' ? 'alert' : 'status'}
        data-testid={status.kind === 'error' ? 'photo-error' : 'photo-status'}
      >
        {status.text}
      </p>
      {loaded && result && gray && (
        <>
          <ol className="photo-steps" aria-label="From the photo to the model's input">
            <li>
              <StepCanvas
                values={gray}
                width={loaded.width}
                height={loaded.height}
                crop={shownCrop}
                label="Step 1: the photo in grayscale, with the crop"
              />
              <span>1. Grayscale, with the crop (orange).</span>
            </li>
            {result.ok && (
              <>
                <li>
                  <StepCanvas
                    values={result.ink}
                    width={loaded.width}
                    height={loaded.height}
                    crop={shownCrop}
                    label="Step 2: white ink on black after inversion and contrast stretch"
                  />
                  <span>
                    2. {result.levels.inverted ? 'Inverted to white on black' : 'Already white on black'},
                    contrast stretched (paper {result.levels.paper.toFixed(2)} → 0, ink{' '}
                    {result.levels.ink.toFixed(2)} → 1).
                  </span>
                </li>
                <li>
                  <DigitCanvas pixels={result.input} size={84} label="Step 3: the model's 28 by 28 input" />
                  <span>
                    3. Cropped to the ink, scaled to 20 × 20 keeping its shape, centred by its centre of mass
                    in 28 × 28.
                  </span>
                </li>
              </>
            )}
          </ol>
          {!result.ok && (
            <p className="notice notice-error" role="alert" data-testid="photo-error">
              {result.message} Your current input is unchanged.
            </p>
          )}
          {shownEdges && (
            <fieldset className="photo-crop">
              <legend>Adjust the crop (percent of the photo)</legend>
              {(['left', 'top', 'right', 'bottom'] as const).map((name, i) => (
                <label key={name} className="param" htmlFor={`${id}-${name}`}>
                  <span className="param-name">crop {name}</span>{' '}
                  <input
                    id={`${id}-${name}`}
                    type="range"
                    min={0}
                    max={100}
                    step={1}
                    value={shownEdges[i]}
                    data-testid={`photo-crop-${name}`}
                    onChange={(e) => setEdge(i as 0 | 1 | 2 | 3, Number(e.target.value))}
                  />{' '}
                  {shownEdges[i]}%
                </label>
              ))}
              <button type="button" onClick={() => setEdges(null)}>
                Automatic crop
              </button>
            </fieldset>
          )}
          <button
            type="button"
            data-testid="photo-use"
            disabled={!result.ok}
            onClick={() => {
              if (!result.ok) return;
              onUse(result.input);
              setStatus({ kind: 'used', text: 'Your photo’s digit is now the lab’s input.' });
            }}
          >
            Use this digit
          </button>
        </>
      )}
    </div>
  );
});
