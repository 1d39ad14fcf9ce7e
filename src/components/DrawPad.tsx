import { useRef, useState } from 'react';
import { preprocessDrawing } from '../data/preprocess';

const SIDE = 224;
const BRUSH = 9;

/**
 * A pad to draw a digit with mouse, pen or finger. "Use drawing" turns it into an MNIST-style
 * 28x28 input (bounding box to 20 px, centred by mass); "Clear" empties it. Both are buttons, so
 * they work from the keyboard.
 */
export function DrawPad({ onUse }: { onUse: (x: Float32Array) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);
  const [message, setMessage] = useState('');

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIDE, y: ((e.clientY - r.top) / r.height) * SIDE };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2 * BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const from = last.current ?? to;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
    last.current = to;
    setEmpty(false);
  };
  const clear = () => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIDE, SIDE);
    setEmpty(true);
    setMessage('');
  };
  const use = () => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { data } = ctx.getImageData(0, 0, SIDE, SIDE);
    const ink = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i]! / 255;
    const x = preprocessDrawing(ink, SIDE, SIDE);
    if (!x) {
      setMessage('The pad is empty: draw a digit first.');
      return;
    }
    setMessage('Your drawing is now the input.');
    onUse(x);
  };

  return (
    <div className="drawpad">
      <canvas
        ref={(c) => {
          ref.current = c;
          if (c && empty) {
            const ctx = c.getContext('2d');
            if (ctx) {
              ctx.fillStyle = '#000';
              ctx.fillRect(0, 0, SIDE, SIDE);
            }
          }
        }}
        width={SIDE}
        height={SIDE}
        data-testid="draw-pad"
        aria-label="Drawing pad: draw a digit with the mouse, a pen or a finger"
        role="img"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          stroke(point(e));
        }}
        onPointerMove={(e) => {
          if (e.buttons & 1 || e.pointerType === 'touch') {
            if (last.current) stroke(point(e));
          }
        }}
        onPointerUp={() => (last.current = null)}
        style={{ touchAction: 'none' }}
      />
      <div className="row">
        <button type="button" onClick={use} disabled={empty}>
          Use drawing
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
      <p className="hint" role="status">
        {message}
      </p>
    </div>
  );
}
