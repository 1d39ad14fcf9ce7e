import { useId, memo } from 'react';
import { useAppStore } from '../store';
import { formatNumber, keyStep, sliderPosition, sliderRange, sliderValue } from '../store/url/slider';
import type { NumberParam } from '../store/url/defineUrlSchema';
import { LAB_URL, type ParamKey } from '../store/urlSchema';

/**
 * A labelled range input for one of the lab's URL rows (LAB_URL), presented as its row states
 * (`view`: step and rounding, text, keyboard; ../store/url/slider.ts). Linear rows use their own
 * values; log-scale ones move in 1,000 even steps of log(value) under the pointer, and announce
 * the real value (aria-valuetext). Rows with `keys: 'round'` (the sample counts n and n0) land on
 * round values from the keyboard (arrows: 100, 200, 500, 1,000, ...; Page Up/Down: a decade;
 * Home/End: the ends), so every key press changes the value, even at small counts.
 */
export const ParamSlider = memo(function ParamSlider({
  paramKey,
  marks,
}: {
  paramKey: ParamKey;
  marks?: readonly number[];
}) {
  const p: NumberParam = LAB_URL.spec(paramKey);
  const value = useAppStore((s) => s.params[paramKey]);
  const setParam = useAppStore((s) => s.setParam);
  const id = useId();
  const range = sliderRange(p);
  const text = formatNumber(p, value);
  const listId = marks ? `${id}-marks` : undefined;
  return (
    <div className="param">
      <label htmlFor={id}>
        <span className="param-name">{p.label}</span>
        <output htmlFor={id} className="param-value">
          {text}
        </output>
      </label>
      <input
        id={id}
        type="range"
        data-testid={`slider-${paramKey}`}
        min={range.min}
        max={range.max}
        step={range.step}
        value={sliderPosition(p, value)}
        aria-valuetext={text}
        list={listId}
        onKeyDown={
          p.view?.keys === 'round'
            ? (e) => {
                if (e.altKey || e.ctrlKey || e.metaKey) return;
                const next = keyStep(p, value, e.key);
                if (next === null) return;
                e.preventDefault();
                if (next !== value) setParam(paramKey, next);
              }
            : undefined
        }
        onChange={(e) => setParam(paramKey, sliderValue(p, Number(e.currentTarget.value)))}
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
