import type { NumberParam } from '../../store/url/defineUrlSchema';
import { formatNumber, sliderRange, sliderValue } from '../../store/url/slider';
import { GEO_URL, type GeoParams } from '../../store/urlSchema';
import { SectionHeading } from '../SectionHeading';

/** What PGD can attack, and how the choice reads. */
const TARGETS: readonly (readonly [GeoParams['atk'], string])[] = [
  ['smoothed', 'the smoothed classifier (SmoothAdv)'],
  ['base', 'the base network (PGD)'],
];

/** The budget's URL row: its range, step and rounding. */
const EPS: NumberParam = GEO_URL.spec('eps');

/** The attack's settings: its L2 budget epsilon (a slider over its URL row's range) and what PGD attacks. */
export function GeoAttackControls({
  eps,
  atk,
  onChange,
}: {
  eps: number;
  atk: GeoParams['atk'];
  onChange: (patch: Partial<Pick<GeoParams, 'eps' | 'atk'>>) => void;
}) {
  return (
    <div className="geo-attack-panel">
      <SectionHeading>Attack the point</SectionHeading>
      <label className="geo-range">
        <span>
          Attack budget ε (L2): <output data-testid="geo-eps">{formatNumber(EPS, eps)}</output>
        </span>
        <input
          type="range"
          data-testid="geo-eps-slider"
          {...sliderRange(EPS)}
          value={eps}
          aria-valuetext={formatNumber(EPS, eps)}
          onChange={(e) => onChange({ eps: sliderValue(EPS, Number(e.currentTarget.value)) })}
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
