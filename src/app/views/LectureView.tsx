import { LECTURE, LECTURE_MINUTES, LECTURE_STARTS, lectureHref } from '../../lesson/lecture';
import { useAppStore } from '../../store';
import { ROUTES } from '../routes';

/** "12:00" for minute 12. */
const clock = (minute: number) => `${minute}:00`;

/**
 * The lecture plan: a suggested 50-minute path through the views, one step a row, each a link that
 * opens its exact state (in presentation mode while presenting), with the question to ask first,
 * what to show once the room has answered, and the time on the clock.
 */
export function LectureView() {
  const presenting = useAppStore((s) => s.presenting);
  return (
    <div className="lecture">
      <p className="prose">
        {LECTURE.length} steps, {LECTURE_MINUTES} minutes. Open each step&apos;s link, ask its question and
        let the room commit to an answer before you run anything; then show. Keys: 1 to 7 move between the
        views, a to e choose a checkpoint&apos;s answer and r reveals it, f shows the chart under the pointer
        full-screen (Esc to leave), p toggles presentation mode, ? lists the rest.
      </p>
      <ol className="lecture-steps" data-testid="lecture-steps">
        {LECTURE.map((step, i) => {
          const from = LECTURE_STARTS[i]!;
          const to = from + step.minutes;
          const view = ROUTES.find((r) => r.id === step.view)!;
          return (
            <li key={step.id} data-testid={`lecture-${step.id}`} data-minutes={step.minutes}>
              <p className="lecture-head">
                <span className="lecture-time">
                  {clock(from)}–{clock(to)} ({step.minutes} min)
                </span>{' '}
                <a href={lectureHref(step, presenting)} data-testid={`lecture-link-${step.id}`}>
                  {step.title}
                </a>{' '}
                <span className="lecture-view">
                  ({view.title}
                  {step.checkpoint ? ', with its checkpoint' : ''})
                </span>
              </p>
              <p>
                <strong>Ask:</strong> {step.ask}
              </p>
              <p>
                <strong>Show:</strong> {step.show}
              </p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
