import { useId, useRef, useState } from 'react';
import { preprocessDrawing } from '../data/preprocess';

const SIDE = 224;
const BRUSH = 9;
/** The keyboard cursor moves on a 28 x 28 grid, one MNIST pixel (SIDE / 28 pad pixels) per key press. */
const GRID = 28;
const CELL = SIDE / GRID;
const cellCentre = (c: number) => (c + 0.5) * CELL;

/**
 * A pad to draw a digit with mouse, pen or finger. "Use drawing" turns it into an MNIST-style
 * 28x28 input (bounding box to 20 px, centred by mass); "Clear" empties it. Both are buttons, so
 * they work from the keyboard. The pad itself works from the keyboard too: it takes focus, the
 * arrow keys move a cursor one MNIST pixel (Shift: four), Space or Enter puts the pen down or lifts
 * it, and while it is down every move draws; Escape lifts it.
 */
export function DrawPad({ onUse }: { onUse: (x: Float32Array) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);
  const [message, setMessage] = useState('');
  /** The keyboard cursor (grid cell) and whether its pen is down. */
  const [cursor, setCursor] = useState({ x: GRID / 2, y: GRID / 2, pen: false });
  const [focused, setFocused] = useState(false);
  const helpId = useId();

  const onKey = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const step = e.shiftKey ? 4 : 1;
    const move: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = move[e.key];
    if (d) {
      e.preventDefault();
      const to = {
        x: Math.min(GRID - 1, Math.max(0, cursor.x + d[0])),
        y: Math.min(GRID - 1, Math.max(0, cursor.y + d[1])),
      };
      if (cursor.pen) {
        last.current = { x: cellCentre(cursor.x), y: cellCentre(cursor.y) };
        stroke({ x: cellCentre(to.x), y: cellCentre(to.y) });
        last.current = null;
      }
      setCursor({ ...cursor, ...to });
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      const pen = !cursor.pen;
      if (pen) {
        last.current = null;
        stroke({ x: cellCentre(cursor.x), y: cellCentre(cursor.y) });
        last.current = null;
      }
      setCursor({ ...cursor, pen });
    } else if (e.key === 'Escape' && cursor.pen) {
      e.preventDefault();
      setCursor({ ...cursor, pen: false });
    }
  };

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
      <div style={{ position: 'relative', maxWidth: SIDE }}>
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
          aria-label="Drawing pad: draw a digit with the mouse, a pen, a finger or the keyboard"
          aria-describedby={helpId}
          role="application"
          tabIndex={0}
          onKeyDown={onKey}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
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
        {focused && (
          <span
            aria-hidden="true"
            data-testid="draw-cursor"
            style={{
              position: 'absolute',
              left: `${(cursor.x / GRID) * 100}%`,
              top: `${(cursor.y / GRID) * 100}%`,
              width: `${100 / GRID}%`,
              height: `${100 / GRID}%`,
              outline: `2px solid ${cursor.pen ? '#f5a623' : '#4fc3f7'}`,
              pointerEvents: 'none',
            }}
          />
        )}
      </div>
      <p className="hint" id={helpId}>
        Keyboard: focus the pad, move with the arrow keys (Shift for bigger steps), press Space or Enter to
        put the pen down or lift it; with the pen down, every move draws.
      </p>
      <p className="sr-only" aria-live="polite" data-testid="draw-cursor-status">
        {focused
          ? `Cursor at column ${cursor.x + 1}, row ${cursor.y + 1}, pen ${cursor.pen ? 'down' : 'up'}.`
          : ''}
      </p>
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
