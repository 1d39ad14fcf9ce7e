import { useEffect, useId, useState } from 'react';
import { StudentQuestion } from '../../components/class/StudentQuestion';
import { normaliseCode } from '../../class/protocol';
import { readStudentCode } from '../../class/storage';
import { useClassStudent } from '../../class/student';
import '../../components/class/class.css';

/**
 * The student's page of a class session (/join/<code>, served as ?join=<code>): no account, no
 * lab engine; the questions the instructor asks, one prediction each.
 */
export function JoinPage({ initialCode }: { initialCode: string }) {
  const s = useClassStudent();
  const [typed, setTyped] = useState(initialCode);
  const [bad, setBad] = useState(false);
  const inputId = useId();
  const join = s.join;
  useEffect(() => {
    document.title = 'Join the class · Smoothing Lab';
    const code = normaliseCode(initialCode) ?? normaliseCode(readStudentCode() ?? '');
    if (code) join(code);
  }, [initialCode, join]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const code = normaliseCode(typed);
    setBad(code === null);
    if (code) join(code);
  };
  const questions = [...s.checkpoints].reverse();

  return (
    <main className="join-page" data-testid="join-page">
      <h1>Smoothing Lab: class session</h1>
      {!s.code && (
        <form onSubmit={submit} className="row">
          <label htmlFor={inputId}>Join code</label>
          <input
            id={inputId}
            value={typed}
            autoComplete="off"
            autoCapitalize="characters"
            onChange={(e) => setTyped(e.target.value)}
            data-testid="join-code"
          />
          <button type="submit">Join</button>
        </form>
      )}
      {bad && (
        <p className="notice notice-error">A join code has six letters and digits, as on the projector.</p>
      )}
      {s.error && (
        <p className="notice notice-error" role="alert">
          {s.error}
        </p>
      )}
      {s.code && !s.joined && !s.closed && <p role="status">Joining class {s.code}…</p>}
      {s.joined && (
        <>
          <p data-testid="join-status">
            You are in class <strong>{s.code}</strong>, anonymously: the projector shows only counts, never
            who answered what.{s.link !== 'open' && ' Reconnecting…'}
          </p>
          {questions.length === 0 && !s.closed && <p>Waiting for the instructor to ask a question…</p>}
          {questions.map((c) => (
            <StudentQuestion key={c.id} c={c} pending={s.pending[c.id]} onAnswer={(o) => s.answer(c.id, o)} />
          ))}
        </>
      )}
      {s.closed && <p data-testid="join-closed">The session has ended. Thank you!</p>}
    </main>
  );
}
