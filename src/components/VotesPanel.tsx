import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { argmax } from '../smoothing';
import { useAppStore } from '../store';
import { projectable, ProjectorToggle, useProjected } from './Projector';
import { VoteHistogram } from './VoteHistogram';

/**
 * Both vote histograms of the lab's run, with the DOM contract's `data-testid="votes"`,
 * `data-counts` and `data-selection-counts` (JSON arrays). The lab and embed mode show it.
 */
export const VotesPanel = memo(function VotesPanel() {
  const v = useAppStore(
    useShallow((st) => ({
      selectionCounts: st.selectionCounts,
      estimationCounts: st.estimationCounts,
      selectionDone: st.selectionDone,
      estimationDone: st.estimationDone,
      // The run's own sizes (the sliders may have moved since it ran).
      n0: (st.run ?? st).params.n0,
      n: (st.run ?? st).params.n,
    })),
  );
  const candidate = v.selectionDone > 0 ? argmax(v.selectionCounts) : -1;
  const projected = useProjected('votes');
  return (
    <div
      {...projectable('votes', 'votes', 'the vote histograms', projected, true)}
      data-testid="votes"
      data-counts={JSON.stringify(v.estimationCounts)}
      data-selection-counts={JSON.stringify(v.selectionCounts)}
      data-step="votes"
    >
      <ProjectorToggle id="votes" title="the vote histograms" />
      <VoteHistogram
        title="Selection votes (n0)"
        counts={v.selectionCounts}
        done={v.selectionDone}
        total={v.n0}
        explanation="Used only to choose the candidate class c_A."
      />
      <VoteHistogram
        title="Estimation votes (n)"
        counts={v.estimationCounts}
        done={v.estimationDone}
        total={v.n}
        highlight={candidate}
        explanation="Fresh samples: the candidate's count n_A gives p_lower."
      />
    </div>
  );
});
