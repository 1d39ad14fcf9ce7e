import { useShallow } from 'zustand/react/shallow';
import { AnytimeBound } from '../../components/AnytimeBound';
import { AttackPanel } from '../../components/AttackPanel';
import { CertificatePanel } from '../../components/CertificatePanel';
import { DigitPicker } from '../../components/DigitPicker';
import { LessonSteps } from '../../components/LessonSteps';
import { ModelSelect } from '../../components/ModelSelect';
import { ModelTable } from '../../components/ModelTable';
import { NoisyGrid } from '../../components/NoisyGrid';
import { ParamSlider } from '../../components/ParamSlider';
import { PresetList } from '../../components/PresetList';
import { ResultBar } from '../../components/ResultBar';
import { RunStats } from '../../components/RunStats';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { SectionHeading } from '../../components/SectionHeading';
import { SeedInput } from '../../components/SeedInput';
import { SigmaMismatch } from '../../components/SigmaMismatch';
import { UrlNotices } from '../../components/UrlNotices';
import { VotesPanel } from '../../components/VotesPanel';
import { SIGMA_MARKS } from '../../models/ids';
import { useAppStore } from '../../store';
import { LabActions } from './lab/LabActions';
import { useLabInput } from './lab/useLabInput';
import './lab.css';

/**
 * The smoothing lab (the main view; docs/architecture/slider-step.md follows one slider step through it): it
 * composes the panels; the input and its run are ./lab/useLabInput's, the buttons ./lab/LabActions'.
 */
export function LabView() {
  const { digits, x } = useLabInput();
  const s = useAppStore(
    useShallow((st) => ({
      notices: st.notices,
      dismissNotices: st.dismissNotices,
      seed: st.params.seed,
      sigma: st.params.sigma,
    })),
  );
  const set = digits.status === 'ready' ? digits.set : null;

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
            <ModelSelect />
            <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
            <ParamSlider paramKey="n" />
            {/* Below n, so that sigma and n stay on a short projector's first screen. */}
            <SigmaMismatch />
            <ParamSlider paramKey="n0" />
            <ParamSlider paramKey="alpha" />
            <SeedInput />
            <LabActions />
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
