import { useEffect, useRef } from 'react';

/**
 * Draws a 28x28 image (intensities, clipped to [0, 1] for display) as white ink on black, scaled
 * up with crisp pixels. With an empty label it is decorative (hidden from screen readers; the parent names it).
 */
export function DigitCanvas({
  pixels,
  size = 56,
  label,
}: {
  pixels: Float32Array;
  size?: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, pixels[i] ?? 0)));
      img.data[4 * i] = v;
      img.data[4 * i + 1] = v;
      img.data[4 * i + 2] = v;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      style={{ width: size, height: size }}
      className="digit"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}
