import { useId, memo } from 'react';
import { useAppStore } from '../store';
import { LAB_URL, fromSlider, keyStep, toSlider, type ParamKey } from '../store/urlSchema';

const STEPS = 1000;

/** Formats a parameter value for people: alpha in scientific notation, counts with separators. */
export function formatValue(key: ParamKey, v: number): string {
  if (key === 'alpha') return v >= 0.001 ? String(Number(v.toPrecision(3))) : v.toExponential(1);
  if (key === 'sigma') return v.toFixed(2);
  return v.toLocaleString('en');
}

/**
 * A labelled range input for one URL-schema parameter. Linear parameters use their own values;
 * log-scale ones move in 1,000 even steps of log(value) under the pointer, and announce the real
 * value (aria-valuetext). From the keyboard the sample counts n and n0 land on round values
 * (arrows: 100, 200, 500, 1,000, ...; Page Up/Down: a decade; Home/End: the ends), so every key
 * press changes the value, even at small counts.
 */
export const ParamSlider = memo(function ParamSlider({
  paramKey,
  marks,
}: {
  paramKey: ParamKey;
  marks?: readonly number[];
}) {
  const p = LAB_URL.spec(paramKey);
  const value = useAppStore((s) => s.params[paramKey]);
  const setParam = useAppStore((s) => s.setParam);
  const id = useId();
  const log = p.scale === 'log';
  // Counts step through round values from the keyboard (see keyStep).
  const roundKeys = paramKey === 'n' || paramKey === 'n0';
  const step = paramKey === 'sigma' ? 0.01 : 1;
  const listId = marks ? `${id}-marks` : undefined;
  return (
    <div className="param">
      <label htmlFor={id}>
        <span className="param-name">{p.label}</span>
        <output htmlFor={id} className="param-value">
          {formatValue(paramKey, value)}
        </output>
      </label>
      <input
        id={id}
        type="range"
        data-testid={`slider-${paramKey}`}
        min={log ? 0 : p.min}
        max={log ? STEPS : p.max}
        step={log ? 1 : step}
        value={log ? Math.round(toSlider(p, value) * STEPS) : value}
        aria-valuetext={formatValue(paramKey, value)}
        list={listId}
        onKeyDown={
          roundKeys
            ? (e) => {
                if (e.altKey || e.ctrlKey || e.metaKey) return;
                const next = keyStep(p, value, e.key);
                if (next === null) return;
                e.preventDefault();
                if (next !== value) setParam(paramKey, next);
              }
            : undefined
        }
        onChange={(e) => {
          const raw = Number(e.currentTarget.value);
          const v = log ? fromSlider(p, raw / STEPS) : raw;
          setParam(paramKey, paramKey === 'sigma' ? Math.round(v * 100) / 100 : v);
        }}
      />
      {marks && (
        <datalist id={listId}>
          {marks.map((m) => (
            <option key={m} value={m} label={String(m)} />
          ))}
        </datalist>
      )}
    </div>
  );
});
