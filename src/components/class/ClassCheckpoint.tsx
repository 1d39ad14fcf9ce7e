import { useClassInstructor } from '../../class/instructor';
import type { CheckpointDef } from '../../lesson/checkpointDef';
import { ClassHistogram } from './ClassHistogram';
import { SectionHeading } from '../SectionHeading';
import './class.css';

/**
 * A checkpoint's class panel, on the instructor's page during a class session (nothing otherwise):
 * ask the class, watch the count (and the histogram, unless hidden until the reveal), reveal: the
 * lab runs the experiment and the class's histogram is shown beside the measured outcome.
 */
export function ClassCheckpoint({
  def,
  running,
  onReveal,
}: {
  def: CheckpointDef;
  running: boolean;
  /** Runs the checkpoint's experiment; resolves to the right options (null if it failed). */
  onReveal: () => Promise<readonly string[] | null>;
}) {
  const state = useClassInstructor((s) => s.state);
  const ask = useClassInstructor((s) => s.ask);
  const reveal = useClassInstructor((s) => s.reveal);
  if (!state || state.closed) return null;
  const cp = state.checkpoints.find((c) => c.id === def.id);
  const label = (v: string) => def.options.find((o) => o.value === v)?.label ?? v;

  const revealToClass = async () => {
    const outcome = await onReveal();
    if (outcome) reveal(def.id, outcome);
  };

  return (
    <div className="class-checkpoint" data-testid={`class-${def.id}`}>
      <SectionHeading className="class-checkpoint-title">The class</SectionHeading>
      {!cp && (
        <button type="button" data-testid={`class-${def.id}-ask`} onClick={() => ask(def)}>
          Ask the class
        </button>
      )}
      {cp && (
        <>
          <p role="status" aria-live="polite" data-testid={`class-${def.id}-total`} data-total={cp.total}>
            {cp.state === 'open' ? 'Answers so far' : 'The class answered'}: {cp.total}
            {cp.counts === null && ' (hidden until the reveal)'}
          </p>
          {cp.counts && (
            <ClassHistogram
              options={cp.options}
              counts={cp.counts}
              outcome={cp.outcome}
              label={
                cp.state === 'open'
                  ? 'The class’s answers so far'
                  : 'The class’s answers and the measured outcome'
              }
            />
          )}
          {cp.state === 'open' && (
            <button
              type="button"
              data-testid={`class-${def.id}-reveal`}
              disabled={running}
              onClick={() => void revealToClass()}
            >
              Reveal to the class: run it
            </button>
          )}
          {cp.outcome && cp.counts && (
            <p data-testid={`class-${def.id}-outcome`}>
              Measured: {cp.outcome.map(label).join('; ')}.{' '}
              {cp.options.reduce((n, o, i) => n + (cp.outcome!.includes(o.value) ? cp.counts![i]! : 0), 0)} of{' '}
              {cp.total} predicted it.
            </p>
          )}
        </>
      )}
    </div>
  );
}
