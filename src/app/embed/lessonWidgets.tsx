/** The embeddable widgets of the lesson's other sections (see ./route.ts for the list). */
import { Suspense, useEffect } from 'react';
import { Checkpoint } from '../../components/Checkpoint';
import { CoverageExperiment } from '../../components/CoverageExperiment';
import { PeekingExperiment } from '../../components/PeekingExperiment';
import { shortenNotice } from '../../components/text';
import { CHECKPOINTS } from '../../lesson/checkpoints';
import { useShippedRuns } from '../../models/shipped';
import { useAppStore } from '../../store';
import { queryOfHash, useHashValue } from '../hash';
import { searchOf } from '../../store/url/defineUrlSchema';
import { lazyView } from '../lazyReload';
import { MarkLaidOut, useLaidOut } from './laidOut';

/** The heavier widgets load on demand, as in the app shell. */
const GeometryView = lazyView(() => import('../views/GeometryView'), 'GeometryView', 'the geometry view');
const TradeoffWidget = lazyView(
  () => import('../views/TradeoffView'),
  'TradeoffWidget',
  'the trade-off chart',
);

/** While the view's code loads: a placeholder of the view's size (CSS), with no height reported. */
const loading = (
  <p role="status" className="embed-loading">
    Loading…
  </p>
);

export function GeometryWidget() {
  return (
    <Suspense fallback={loading}>
      <GeometryView embedded />
      <MarkLaidOut />
    </Suspense>
  );
}

/** The trade-off view is laid out once its shipped curves and tables have arrived. */
function ShippedRunsLaidOut() {
  const runs = useShippedRuns();
  useLaidOut(Object.keys(runs).length > 0);
  return null;
}

export function TradeoffEmbed() {
  return (
    <Suspense fallback={loading}>
      <TradeoffWidget />
      <ShippedRunsLaidOut />
    </Suspense>
  );
}

export function CoverageWidget() {
  useLaidOut();
  return (
    <div className="check embed-coverage">
      <CoverageExperiment />
    </div>
  );
}

export function PeekingWidget() {
  useLaidOut();
  return (
    <div className="check embed-peeking">
      <PeekingExperiment />
    </div>
  );
}

/** The storage key an embedded checkpoint keeps its progress under, apart from the lesson's. */
export const checkpointStorageKey = (id: string) => `smoothing-lab:embed:checkpoint:${id}`;

const checkpointIdOf = (hash: string) => searchOf(queryOfHash(hash)).get('id') ?? '';

/**
 * One predict-then-reveal checkpoint, chosen by `id=` in the frame's URL. Its guess and outcome
 * are kept under the widget's own storage key, so an embed neither reads nor changes the progress
 * of a student's lesson in the full app.
 */
export function CheckpointWidget() {
  const id = useHashValue(checkpointIdOf);
  const def = CHECKPOINTS.find((c) => c.id === id);
  const setProgressKey = useAppStore((s) => s.setProgressKey);
  const keyed = useAppStore((s) => s.progressKey);
  useEffect(() => {
    if (def) setProgressKey(checkpointStorageKey(def.id));
  }, [def, setProgressKey]);
  const ready = !def || keyed === checkpointStorageKey(def.id);
  useLaidOut(ready);
  if (!def)
    return (
      <div className="notice notice-error" role="alert" data-testid="embed-error">
        <p>
          {id === ''
            ? 'This checkpoint link names no checkpoint (add id=… to the URL).'
            : `There is no checkpoint called “${shortenNotice(id)}”.`}{' '}
          The checkpoints are:
        </p>
        <ul>
          {CHECKPOINTS.map((c) => (
            <li key={c.id}>
              <code>id={c.id}</code>: {c.question}
            </li>
          ))}
        </ul>
      </div>
    );
  // Rendered once its own progress is loaded, so it never starts from the lesson's saved guess.
  return ready ? (
    <div className="checkpoints embed-checkpoint">
      <Checkpoint key={def.id} def={def} />
    </div>
  ) : null;
}
