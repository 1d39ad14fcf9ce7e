import { useAppStore } from '../store';
import { clampParam, type NumberParam } from '../store/url/defineUrlSchema';
import { stepOf } from '../store/url/slider';
import { LAB_URL } from '../store/urlSchema';

/** The seed's URL row: its range, step and label are the ones every link is read with. */
const SEED: NumberParam = LAB_URL.spec('seed');

/** The noise seed as a number field; a typed value is rounded and clamped into the row's range. */
export function SeedInput() {
  const seed = useAppStore((st) => st.params.seed);
  const setParam = useAppStore((st) => st.setParam);
  return (
    <div className="param">
      <label htmlFor="seed-input">
        <span className="param-name">{SEED.label}</span>
      </label>
      <input
        id="seed-input"
        data-testid="seed"
        type="number"
        min={SEED.min}
        max={SEED.max}
        step={stepOf(SEED)}
        value={seed}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) setParam('seed', clampParam(SEED, v));
        }}
      />
    </div>
  );
}
