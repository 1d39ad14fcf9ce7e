import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { rightAnswers, type Asked, type CheckpointDef } from '../lesson/checkpointDef';
import { useAppStore } from '../store';

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
 * the guess. The guess and the outcome are kept in the lesson progress (localStorage).
 */
export function Checkpoint({ def }: { def: CheckpointDef }) {
  const saved = useAppStore((s) => s.progress.checkpoints[def.id]);
  const reveal = useAppStore((s) => s.revealCheckpoint);
  const [guess, setGuess] = useState(saved?.guess ?? '');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const name = useId();
  const label = (v: string) => def.options.find((o) => o.value === v)?.label ?? v;

  const [ask, setAsk] = useState<AskPhase>({ kind: def.ask ? 'asking' : 'none' });

  /** Measures the question's numbers; resolves to a canceller for an answer no longer wanted. */
  const measure = useCallback(() => {
    let live = true;
    def.ask?.().then(
      (asked) => live && setAsk({ kind: 'asked', asked }),
      (e: unknown) => live && setAsk({ kind: 'failed', message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [def]);
  useEffect(measure, [measure]);
  const askAgain = () => {
    setAsk({ kind: 'asking' });
    setPhase({ kind: 'idle' });
    measure();
  };

  const run = async () => {
    setPhase({ kind: 'running' });
    try {
      const { answer, detail } = await def.reveal(ask.kind === 'asked' ? ask.asked : null);
      const answers = rightAnswers(answer);
      // A tie records the student's option when it is one of the right ones.
      reveal(def.id, guess, answers.includes(guess) ? guess : answers[0]!);
      setPhase({ kind: 'revealed', answers, detail });
    } catch (e) {
      setPhase({ kind: 'failed', message: (e as Error).message });
    }
  };
  const waiting = def.ask !== undefined && ask.kind !== 'asked';

  return (
    <section
      className="checkpoint"
      data-testid={`checkpoint-${def.id}`}
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
        {def.options.map((o) => (
          <label key={o.value} className="checkbox-label">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={guess === o.value}
              onChange={() => setGuess(o.value)}
            />{' '}
            {o.label}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        data-testid={`checkpoint-${def.id}-reveal`}
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
        {phase.kind === 'revealed' && (
          <>
            <p
              data-answer={phase.answers.includes(guess) ? guess : phase.answers[0]}
              data-answers={phase.answers.join(' ')}
              data-verdict={phase.answers.includes(guess) ? 'right' : 'wrong'}
            >
              <strong>
                {phase.answers.includes(guess) ? 'As you predicted: ' : 'Not what you predicted: '}
              </strong>
              {phase.answers.map(label).join('; and equally right: ')}.
            </p>
            <div>{phase.detail}</div>
            <p className="hint">{def.why}</p>
          </>
        )}
      </div>
    </section>
  );
}
