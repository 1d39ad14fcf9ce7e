import { useId, useState, type ReactNode } from 'react';
import { useAppStore } from '../store';

/** One predict-then-reveal checkpoint: a question, the options, and the experiment that answers it. */
export interface CheckpointDef {
  id: string;
  /** The route (lesson section) it belongs to. */
  section: string;
  question: string;
  options: readonly { value: string; label: string }[];
  /** Runs the experiment; resolves to the option it came out as and what to show. */
  reveal: () => Promise<{ answer: string; detail: ReactNode }>;
  /** Why it comes out that way, shown after the reveal. */
  why: ReactNode;
  /** Shown by its own widget (before the experiment it asks about), not in the section's list. */
  inline?: boolean;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'revealed'; answer: string; detail: ReactNode }
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

  const run = async () => {
    setPhase({ kind: 'running' });
    try {
      const { answer, detail } = await def.reveal();
      reveal(def.id, guess, answer);
      setPhase({ kind: 'revealed', answer, detail });
    } catch (e) {
      setPhase({ kind: 'failed', message: (e as Error).message });
    }
  };

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
        disabled={!guess || phase.kind === 'running'}
        onClick={() => void run()}
      >
        {phase.kind === 'revealed' ? 'Run it again' : guess ? 'Reveal: run it' : 'Choose a guess first'}
      </button>
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
            <p data-answer={phase.answer} data-verdict={guess === phase.answer ? 'right' : 'wrong'}>
              <strong>{guess === phase.answer ? 'As you predicted: ' : 'Not what you predicted: '}</strong>
              {label(phase.answer)}.
            </p>
            <div>{phase.detail}</div>
            <p className="hint">{def.why}</p>
          </>
        )}
      </div>
    </section>
  );
}
