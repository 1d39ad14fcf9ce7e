import { useId, useState } from 'react';
import type { StudentCheckpoint } from '../../class/protocol';

/** One question on a student's phone: choose, send, and after the reveal the measured outcome. */
export function StudentQuestion({
  c,
  pending,
  onAnswer,
}: {
  c: StudentCheckpoint;
  pending: string | undefined;
  onAnswer: (option: string) => void;
}) {
  const [choice, setChoice] = useState(c.answer ?? '');
  const name = useId();
  const label = (v: string) => c.options.find((o) => o.value === v)?.label ?? v;
  const open = c.state === 'open';
  return (
    <section className="checkpoint" data-testid={`question-${c.id}`} aria-label={`Question: ${c.question}`}>
      <fieldset disabled={!open}>
        <legend>{c.question}</legend>
        {c.options.map((o) => (
          <label key={o.value} className="checkbox-label">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={choice === o.value}
              onChange={() => setChoice(o.value)}
            />{' '}
            {o.label}
          </label>
        ))}
      </fieldset>
      {open && (
        <button type="button" disabled={!choice || pending === choice} onClick={() => onAnswer(choice)}>
          {c.answer ? 'Change my prediction' : 'Send my prediction'}
        </button>
      )}
      <p role="status" aria-live="polite" data-testid={`question-${c.id}-status`}>
        {pending !== undefined
          ? 'Sending…'
          : c.answer
            ? `Your prediction is in: “${label(c.answer)}”.${open ? ' You can change it until the reveal.' : ''}`
            : open
              ? 'Choose, then send: only the class’s counts are shown, never who answered what.'
              : 'You did not answer this one.'}
      </p>
      {c.outcome && (
        <p data-testid={`question-${c.id}-outcome`}>
          <strong>Measured:</strong> {c.outcome.map(label).join('; ')}.
        </p>
      )}
    </section>
  );
}
