import type { GeoParams } from '../../store/urlSchema';
import { DATASETS, type DatasetName } from '../../toy2d/datasets';
import { TOY_MODELS, type ToyModelKind } from '../../toy2d/train';

const KINDS = Object.keys(TOY_MODELS) as ToyModelKind[];

/** The dataset and the base classifier, each classifier with its training accuracy once trained. */
export function GeoModelChoice({
  dataset,
  kind,
  accuracy,
  onChange,
}: {
  dataset: DatasetName;
  kind: ToyModelKind;
  /** Training accuracy in [0, 1] of each classifier trained on this dataset so far. */
  accuracy: Partial<Record<string, number>>;
  onChange: (patch: Partial<Pick<GeoParams, 'toy' | 'clf'>>) => void;
}) {
  return (
    <>
      <label className="geo-field">
        Dataset
        <select
          data-testid="geo-dataset"
          value={dataset}
          onChange={(e) => onChange({ toy: e.currentTarget.value as GeoParams['toy'] })}
        >
          {(Object.keys(DATASETS) as DatasetName[]).map((d) => (
            <option key={d} value={d}>
              {DATASETS[d]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="geo-field">
        <legend>Base classifier</legend>
        {KINDS.map((k) => {
          const acc = accuracy[k];
          return (
            <label key={k} className="geo-radio">
              <input
                type="radio"
                name="geo-model"
                value={k}
                data-testid={`geo-model-${k}`}
                checked={kind === k}
                onChange={() => onChange({ clf: k })}
              />
              {TOY_MODELS[k].label}
              {acc !== undefined && <span className="hint"> (train accuracy {(100 * acc).toFixed(1)}%)</span>}
            </label>
          );
        })}
      </fieldset>
    </>
  );
}
