import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { describeSetting, settingChanges } from '../lesson/askedSetting';
import { lessonLab } from './lessonLab';
import {
  OPTION_KEYS,
  rightAnswers,
  type Asked,
  type AskSource,
  type CheckpointDef,
} from '../lesson/checkpointDef';
import { useAppStore } from '../store';
import { ClassCheckpoint } from './class/ClassCheckpoint';
import './checkpoint.css';

type AskPhase =
  | { kind: 'none' }
  | { kind: 'asking' }
  | { kind: 'asked'; asked: Asked }
  | { kind: 'failed'; message: string };

type Phase =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'revealed'; answers: readonly string[]; detail: ReactNode }
  | { kind: 'failed'; message: string };

/**
 * The student commits to a guess, then the lab runs the experiment and shows what happened next to
 * the guess. The guess and the outcome are kept in the lesson progress (localStorage). A question
 * about the lab is judged on the state it was asked about; when the lab has moved on since, the
 * checkpoint says which settings changed and offers to ask again with the lab's current ones.
 */
export function Checkpoint({ def }: { def: CheckpointDef }) {
  const saved = useAppStore((s) => s.progress.checkpoints[def.id]);
  const reveal = useAppStore((s) => s.revealCheckpoint);
  const markRevealed = useAppStore((s) => s.markRevealed);
  const [guess, setGuess] = useState(saved?.guess ?? '');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const name = useId();
  const label = (v: string) => def.options.find((o) => o.value === v)?.label ?? v;

  const [ask, setAsk] = useState<AskPhase>({ kind: def.ask ? 'asking' : 'none' });

  /**
   * Cancels the measurement still on its way, whose answer is no longer wanted: its answer is
   * dropped and its engine jobs are cancelled (no work goes on for a question no longer on screen).
   */
  const dropPending = useRef<() => void>(() => {});
  /** Measures the question's numbers (only the newest measurement's answer is kept); returns a canceller. */
  const measure = useCallback(
    (source: AskSource) => {
      dropPending.current();
      const job = new AbortController();
      def.ask?.(source, job.signal, lessonLab).then(
        (asked) => !job.signal.aborted && setAsk({ kind: 'asked', asked }),
        (e: unknown) => !job.signal.aborted && setAsk({ kind: 'failed', message: (e as Error).message }),
      );
      const cancel = () => job.abort();
      dropPending.current = cancel;
      return cancel;
    },
    [def],
  );
  useEffect(() => measure('default'), [measure]);
  /** The experiment of a reveal in progress, stopped when the checkpoint leaves the page. */
  const revealJob = useRef<AbortController | null>(null);
  useEffect(() => () => revealJob.current?.abort(), []);
  const askAgain = () => {
    setAsk({ kind: 'asking' });
    setPhase({ kind: 'idle' });
    measure('lab');
  };

  // The lab's state now, to tell when it has moved on from the state a question was asked about.
  const params = useAppStore((s) => s.params);
  const modelId = useAppStore((s) => s.modelId);
  const drawn = useAppStore((s) => s.drawn);
  const setting = ask.kind === 'asked' ? ask.asked.setting : undefined;
  const changes = useMemo(
    () => (setting ? settingChanges(setting, { params, modelId, drawn, stop: null }) : []),
    [setting, params, modelId, drawn],
  );

  /** Runs the experiment; resolves to the right options (null if it failed), for a class reveal. */
  const run = async (): Promise<readonly string[] | null> => {
    setPhase({ kind: 'running' });
    revealJob.current?.abort();
    const job = new AbortController();
    revealJob.current = job;
    try {
      const { answer, detail } = await def.reveal(
        ask.kind === 'asked' ? ask.asked : null,
        job.signal,
        lessonLab,
      );
      // Stopped midway (the student left): a partial experiment answers nothing, and records nothing.
      job.signal.throwIfAborted();
      const answers = rightAnswers(answer);
      // A tie records the student's option when it is one of the right ones. (An instructor
      // revealing to a class may have chosen no guess: nothing is recorded then.)
      if (guess) reveal(def.id, guess, answers.includes(guess) ? guess : answers[0]!);
      markRevealed(def.id);
      setPhase({ kind: 'revealed', answers, detail });
      return answers;
    } catch (e) {
      if (!job.signal.aborted) setPhase({ kind: 'failed', message: (e as Error).message });
      return null;
    }
  };
  const waiting = def.ask !== undefined && ask.kind !== 'asked';

  return (
    <section
      className="checkpoint"
      data-testid={`checkpoint-${def.id}`}
      data-checkpoint={def.id}
      aria-label={`Checkpoint: ${def.question}`}
    >
      <fieldset disabled={phase.kind === 'running'}>
        <legend>
          <span className="checkpoint-tag">Predict, then reveal</span> {def.question}
        </legend>
        {ask.kind === 'asking' && <p className="hint">Measuring the numbers this question is about…</p>}
        {ask.kind === 'failed' && (
          <p className="notice notice-error">Could not measure this question’s numbers: {ask.message}</p>
        )}
        {ask.kind === 'asked' && (
          <div className="checkpoint-facts" data-testid={`checkpoint-${def.id}-facts`}>
            {ask.asked.facts}
          </div>
        )}
        {def.options.map((o, i) => (
          <label key={o.value} className="checkbox-label">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={guess === o.value}
              aria-keyshortcuts={OPTION_KEYS[i]?.toUpperCase()}
              onChange={() => setGuess(o.value)}
            />{' '}
            {/* The letter a room calls out, and the key that chooses it (src/app/shortcuts.ts). */}
            {OPTION_KEYS[i] && (
              <span className="option-key" aria-hidden="true">
                {OPTION_KEYS[i].toUpperCase()}
              </span>
            )}
            {o.label}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        data-testid={`checkpoint-${def.id}-reveal`}
        data-reveal
        aria-keyshortcuts="R"
        disabled={!guess || phase.kind === 'running' || waiting}
        onClick={() => void run()}
      >
        {phase.kind === 'revealed' ? 'Run it again' : guess ? 'Reveal: run it' : 'Choose a guess first'}
      </button>
      {def.ask && (
        <button
          type="button"
          className="secondary"
          data-testid={`checkpoint-${def.id}-reask`}
          disabled={ask.kind === 'asking' || phase.kind === 'running'}
          onClick={askAgain}
        >
          Ask again with the lab’s current settings
        </button>
      )}
      <ClassCheckpoint def={def} running={phase.kind === 'running'} onReveal={run} />
      <div
        role="status"
        aria-live="polite"
        className="checkpoint-result"
        data-testid={`checkpoint-${def.id}-result`}
      >
        {phase.kind === 'running' && <p>Running the experiment…</p>}
        {phase.kind === 'failed' && (
          <p className="notice notice-error">The experiment failed: {phase.message}</p>
        )}
        {phase.kind === 'idle' && saved && (
          <p className="hint">
            Last time you predicted “{label(saved.guess)}” and the lab showed “{label(saved.answer)}”.
          </p>
        )}
        {phase.kind === 'revealed' && setting && (
          <p data-testid={`checkpoint-${def.id}-judged`}>
            Judged on the state the question was asked about: {describeSetting(setting.key, setting.uses)}
            {setting.fromLab ? ' (the lab’s, when asked)' : ' (the question’s own example)'}.
          </p>
        )}
        {changes.length > 0 && (
          <div className="notice" data-testid={`checkpoint-${def.id}-changed`}>
            <p>
              The lab’s settings have changed since this question was asked: {changes.join('; ')}.{' '}
              {phase.kind === 'revealed' ? 'This answer is' : 'The reveal will be'} judged on the facts the
              question stated, not on the lab’s current state.
            </p>
            <button
              type="button"
              data-testid={`checkpoint-${def.id}-ask-current`}
              disabled={phase.kind === 'running'}
              onClick={askAgain}
            >
              Ask again with the lab’s current settings
            </button>
          </div>
        )}
        {phase.kind === 'revealed' && (
          <>
            <p
              data-answer={phase.answers.includes(guess) ? guess : phase.answers[0]}
              data-answers={phase.answers.join(' ')}
              data-verdict={phase.answers.includes(guess) ? 'right' : 'wrong'}
            >
              <strong>
                {!guess
                  ? 'Measured: '
                  : phase.answers.includes(guess)
                    ? 'As you predicted: '
                    : 'Not what you predicted: '}
              </strong>
              {phase.answers.map(label).join('; and equally right: ')}.
            </p>
            <div>{phase.detail}</div>
            <p className="checkpoint-why">{def.why}</p>
          </>
        )}
      </div>
    </section>
  );
}
