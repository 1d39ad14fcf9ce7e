import { memo, useMemo, useState } from 'react';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { useShallow } from 'zustand/react/shallow';
import { AnytimeBound } from '../../components/AnytimeBound';
import { AttackPanel } from '../../components/AttackPanel';
import { CertificatePanel } from '../../components/CertificatePanel';
import { DigitPicker, GALLERY_SIZE } from '../../components/DigitPicker';
import { LessonSteps } from '../../components/LessonSteps';
import { ModelTable } from '../../components/ModelTable';
import { NoisyGrid } from '../../components/NoisyGrid';
import { ParamSlider } from '../../components/ParamSlider';
import { PresetList } from '../../components/PresetList';
import { projectable, ProjectorToggle, useProjected } from '../../components/Projector';
import { ResultBar } from '../../components/ResultBar';
import { SigmaMismatch } from '../../components/SigmaMismatch';
import { RunStats } from '../../components/RunStats';
import { UrlNotices } from '../../components/UrlNotices';
import { VoteHistogram } from '../../components/VoteHistogram';
import { labInput } from '../../data/digits';
import { useDigits } from '../../data/useDigits';
import { useCertifyRunner } from '../../engine/client/useEngine';
import { copiedLinkMessage } from '../copyLink';
import { resetLab } from '../shortcuts';
import { flushUrl, labQueryOf } from '../urlSync';
import { MODEL_CARDS, describeModel } from '../../models/cards';
import { SIGMA_MARKS } from '../../models/ids';
import { describeUserModel } from '../../models/userModels';
import { argmax } from '../../smoothing';
import { useAppStore } from '../../store';
import { describeRunValues } from '../../store/certificateView';
import { isRunStale } from '../../store/labSlice';
import { SectionHeading } from '../../components/SectionHeading';
import './lab.css';

/** Both vote histograms, with the DOM contract's data-counts attributes (also used by embed mode). */
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

/** The smoothing lab (the main view; docs/ARCHITECTURE.md follows one slider step through it). */
export function LabView() {
  // The gallery and the chosen digit: a first visit fetches only the small first-digits file.
  const digits = useDigits(Math.max(GALLERY_SIZE, useAppStore((st) => st.params.digit) + 1));
  const set = digits.status === 'ready' ? digits.set : null;
  const s = useAppStore(
    useShallow((st) => ({
      notices: st.notices,
      dismissNotices: st.dismissNotices,
      modelId: st.modelId,
      setModel: st.setModel,
      userModels: st.userModels,
      seed: st.params.seed,
      sigma: st.params.sigma,
      digit: st.params.digit,
      setParam: st.setParam,
      setParams: st.setParams,
      drawn: st.drawn,
      setDrawn: st.setDrawn,
      playing: st.playing,
      setPlaying: st.setPlaying,
    })),
  );
  const [copied, setCopied] = useState('');
  const x = useMemo(() => (set ? labInput(set, s.digit, s.drawn) : s.drawn), [s.drawn, set, s.digit]);
  useCertifyRunner(x);

  return (
    <div className="lab">
      <UrlNotices notices={s.notices} onDismiss={s.dismissNotices} />
      <div className="lab-grid">
        <div className="lab-controls">
          {digits.status === 'loading' && <p role="status">Loading the test digits…</p>}
          {digits.status === 'error' && (
            <p className="notice notice-error" role="alert">
              {digits.message}
            </p>
          )}
          {set && <DigitPicker digits={set} />}
          <section aria-labelledby="controls-title" className="controls">
            <SectionHeading id="controls-title">2. Set the smoothing</SectionHeading>
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
            <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
            <ParamSlider paramKey="n" />
            {/* Below n, so that sigma and n stay on a short projector's first screen. */}
            <SigmaMismatch />
            <ParamSlider paramKey="n0" />
            <ParamSlider paramKey="alpha" />
            <div className="param">
              <label htmlFor="seed-input">
                <span className="param-name">noise seed</span>
              </label>
              <input
                id="seed-input"
                data-testid="seed"
                type="number"
                min={0}
                max={4294967295}
                step={1}
                value={s.seed}
                onChange={(e) => {
                  const v = Math.round(Number(e.target.value));
                  if (Number.isFinite(v)) s.setParam('seed', Math.min(4294967295, Math.max(0, v)));
                }}
              />
            </div>
            <div className="row">
              <button
                type="button"
                data-testid="play"
                aria-pressed={s.playing}
                onClick={() => s.setPlaying(!s.playing)}
              >
                {s.playing ? 'Pause' : 'Play'}
              </button>
              <button type="button" aria-keyshortcuts="Shift+R" onClick={resetLab}>
                Reset
              </button>
              <button
                type="button"
                onClick={() => {
                  flushUrl();
                  const st = useAppStore.getState();
                  // While the certificate is out of date, the link reopens the numbers on screen.
                  const run = st.status !== 'running' && isRunStale(st) ? st.run : null;
                  const q = labQueryOf(st, run ?? undefined);
                  const url = `${window.location.href.split('#')[0]}#/lab${q ? `?${q}` : ''}`;
                  const what = copiedLinkMessage({
                    stale: run
                      ? { runValues: describeRunValues(run.params, ['sigma', 'n', 'n0', 'alpha']) }
                      : null,
                    status: st.status,
                    n: (st.run ?? st).params.n,
                    stopAtRadius: st.stopAtRadius,
                    backendRequest: st.backendRequest,
                    backendInUse: st.backendStatus === 'ready' ? (st.backendReport?.backend ?? null) : null,
                  });
                  const fallback = () => setCopied(`Copy this link: ${url}`);
                  if (!navigator.clipboard) return fallback();
                  navigator.clipboard.writeText(url).then(() => setCopied(what), fallback);
                }}
              >
                Copy link
              </button>
            </div>
            <p className="hint" role="status">
              {copied}
            </p>
          </section>
          <PresetList />
        </div>
        <div className="lab-main">
          <div data-step="noise">{x && <NoisyGrid x={x} sigma={s.sigma} seed={s.seed} />}</div>
          <VotesPanel />
          <CertificatePanel />
          <AnytimeBound />
          <RunStats />
          <AttackPanel x={x} />
          <SectionCheckpoints section="lab" />
        </div>
        <LessonSteps />
      </div>
      <ResultBar />
      <details className="models-details">
        <summary>About the base models</summary>
        <div className="table-scroll">
          <ModelTable />
        </div>
      </details>
    </div>
  );
}
