import type { GeoParams } from '../../store/urlSchema';
import { SectionHeading } from '../SectionHeading';

/** What PGD can attack, and how the choice reads. */
const TARGETS: readonly (readonly [GeoParams['atk'], string])[] = [
  ['smoothed', 'the smoothed classifier (SmoothAdv)'],
  ['base', 'the base network (PGD)'],
];

/** The attack's settings: its L2 budget epsilon (a slider over [min, max]) and what PGD attacks. */
export function GeoAttackControls({
  eps,
  atk,
  min,
  max,
  onChange,
}: {
  eps: number;
  atk: GeoParams['atk'];
  min: number;
  max: number;
  onChange: (patch: Partial<Pick<GeoParams, 'eps' | 'atk'>>) => void;
}) {
  return (
    <div className="geo-attack-panel">
      <SectionHeading>Attack the point</SectionHeading>
      <label className="geo-range">
        <span>
          Attack budget ε (L2): <output data-testid="geo-eps">{eps.toFixed(2)}</output>
        </span>
        <input
          type="range"
          data-testid="geo-eps-slider"
          min={min}
          max={max}
          step={0.01}
          value={eps}
          aria-valuetext={eps.toFixed(2)}
          onChange={(e) => onChange({ eps: Math.round(Number(e.currentTarget.value) * 100) / 100 })}
        />
      </label>
      <fieldset className="geo-field">
        <legend>PGD against</legend>
        {TARGETS.map(([value, text]) => (
          <label key={value} className="geo-radio">
            <input
              type="radio"
              name="geo-attack"
              data-testid={`geo-attack-${value}`}
              checked={atk === value}
              onChange={() => onChange({ atk: value })}
            />
            {text}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
