import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TrainPanel } from '../../components/train/TrainPanel';
import { UserModelList } from '../../components/train/UserModelList';
import { MISMATCH_SIGMAS } from '../../smoothing';
import { useAppStore } from '../../store';
import { routeHref } from '../../store/urlRegistry';
import { runTradeoff } from '../tradeoff/run';
import { useTradeoffSelection } from '../tradeoff/useTradeoffSelection';
import { labQueryOf } from '../urlSync';
import { deleteUserModel } from '../userModels';
import {
  cancelTraining,
  openTrainer,
  secondsPerEpoch,
  setTrainSettings,
  startTraining,
  useTrainState,
} from './trainState';
import { mismatchSentences, userJob, userModelViews, userRuns } from './userCurves';
import { SectionHeading } from '../../components/SectionHeading';
import '../../components/train/train.css';

/**
 * "Train your own base model" (the trade-off view): the lesson on matching sigma_train to the
 * certification sigma, with the student's own numbers once they have them; the training panel
 * (loaded when opened); and the student's models, each certifiable here (its curve joins the
 * chart above) or in the lab, and deletable.
 */
export function TrainSection() {
  const t = useTrainState();
  const [open, setOpen] = useState(t.phase !== 'idle');
  const { set, count, runOf, s } = useTradeoffSelection();
  const u = useAppStore(
    useShallow((st) => ({
      cards: st.userModels,
      unsaved: st.unsavedUserModels,
      notice: st.userModelsNotice,
      dismiss: st.dismissUserModelsNotice,
      status: st.userModelsStatus,
    })),
  );
  const runs = userRuns(u.cards, runOf);
  const sentences = mismatchSentences(runs, count);

  return (
    <section aria-labelledby="train-title" className="train-section" data-testid="train-section">
      <SectionHeading id="train-title">Train your own base model</SectionHeading>
      <div className="prose">
        <p>
          A smoothed classifier is only as good as its base model&apos;s votes under the noise it is certified
          with. Train a model at σ_train = 0 and certify it at σ = 0.5: it has never seen a noisy digit, its
          votes scatter over the classes, p_lower stays below one half and CERTIFY abstains on almost every
          digit. Train one at σ_train = 0.5 and it has learned to read digits through that noise: the same
          certification keeps most of them. The shipped models show this in the matrix above; here it is your
          own training, about a minute for an MLP.
        </p>
        <p>
          Try it: train an MLP at σ_train 0.00 and one at 0.50, then certify both at σ = 0.50 and compare
          their curves in the chart.
        </p>
        {sentences.length > 0 && (
          <ul data-testid="train-lesson-numbers">
            {sentences.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      {u.notice && (
        <div className="notice notice-warn" role="alert" data-testid="user-models-notice">
          {u.notice}{' '}
          <button type="button" onClick={u.dismiss}>
            Dismiss
          </button>
        </div>
      )}
      <details
        className="train-details"
        open={open}
        onToggle={(e) => {
          const now = e.currentTarget.open;
          setOpen(now);
          if (now) openTrainer();
        }}
      >
        <summary data-testid="train-open">Train a model (downloads the 8,000 training digits, 6 MB)</summary>
        <TrainPanel
          settings={t.settings}
          phase={t.phase}
          ready={t.ready}
          message={t.message}
          progress={t.progress}
          history={t.history}
          secondsPerEpoch={secondsPerEpoch(t)}
          onSettings={setTrainSettings}
          onTrain={startTraining}
          onCancel={cancelTraining}
        />
      </details>
      {u.status === 'loading' && <p role="status">Reading your saved models…</p>}
      <UserModelList
        models={userModelViews(u.cards, u.unsaved, runs, count)}
        certifySigmas={MISMATCH_SIGMAS}
        count={count}
        canCertify={set !== null && s.ready && s.status !== 'running'}
        onCertify={(id, sigma) => {
          const card = u.cards.find((c) => c.id === id);
          if (card && set) void runTradeoff([userJob(card, sigma)], set);
        }}
        onOpenInLab={(id) => {
          const st = useAppStore.getState();
          st.setModel(id);
          const q = labQueryOf(useAppStore.getState());
          window.location.hash = routeHref('lab', q);
        }}
        onDelete={(id) => void deleteUserModel(id)}
      />
    </section>
  );
}
