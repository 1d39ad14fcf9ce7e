import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRESETS, presetHref, presetMatches, type Preset } from '../lesson/presets';
import { useAppStore } from '../store';
import { SectionHeading } from './SectionHeading';

/**
 * The classic demonstrations as links (each reopens an exact, seeded state; "]" and "[" step
 * through them). The one matching the current state is marked.
 */
export const PresetList = memo(function PresetList() {
  const s = useAppStore(
    useShallow((st) => ({
      params: st.params,
      modelId: st.modelId,
      presenting: st.presenting,
      drawn: st.drawn,
    })),
  );
  const active = (p: Preset) => !s.drawn && presetMatches(p, s.params, s.modelId);
  return (
    <section aria-labelledby="presets-title" className="presets">
      <SectionHeading id="presets-title">Classic demonstrations</SectionHeading>
      <ul>
        {PRESETS.map((p) => (
          <li key={p.id}>
            <a
              href={presetHref(p, s.presenting)}
              data-testid={`preset-${p.id}`}
              aria-current={active(p) ? 'true' : undefined}
              onClick={() => useAppStore.getState().setDrawn(null)}
            >
              {p.title}
            </a>
            <span className="hint"> {p.teaches}</span>
          </li>
        ))}
      </ul>
    </section>
  );
});
