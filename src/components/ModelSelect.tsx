import { useShallow } from 'zustand/react/shallow';
import { MODEL_CARDS, describeModel } from '../models/cards';
import { describeUserModel } from '../models/userModels';
import { useAppStore } from '../store';

/** The lab's base-model choice: the shipped models, then those trained in this browser. */
export function ModelSelect() {
  const s = useAppStore(
    useShallow((st) => ({ modelId: st.modelId, setModel: st.setModel, userModels: st.userModels })),
  );
  return (
    <div className="param">
      <label htmlFor="model-select">
        <span className="param-name">base model</span>
      </label>
      <select
        id="model-select"
        data-testid="model-select"
        value={s.modelId}
        onChange={(e) => s.setModel(e.target.value)}
      >
        {MODEL_CARDS.map((c) => (
          <option key={c.id} value={c.id}>
            {describeModel(c)}
          </option>
        ))}
        {s.userModels.length > 0 && (
          <optgroup label="Trained by you in this browser">
            {s.userModels.map((c) => (
              <option key={c.id} value={c.id}>
                {describeUserModel(c)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
