import { useEffect, useId, useState } from 'react';
import { instructorRequested, resumeInstructor, useClassInstructor } from '../../class/instructor';
import './class.css';

/**
 * The instructor's class session bar, on the projected lab: open a session, then the join address,
 * its QR code and the code, how many students are in, hide-until-reveal, export and end. Shown only
 * on a page opened as /class or holding a session; the static lab never shows it.
 */
export function ClassBar() {
  const [enabled] = useState(instructorRequested);
  const s = useClassInstructor();
  const [key, setKey] = useState('');
  const keyId = useId();
  useEffect(() => {
    if (enabled) resumeInstructor();
  }, [enabled]);
  if (!enabled) return null;

  const st = s.state;
  return (
    <section className="class-bar" aria-label="Class session" data-testid="class-bar">
      {!st ? (
        <div className="row">
          <strong>Class session</strong>
          {s.needsKey && (
            <>
              <label htmlFor={keyId}>Instructor key</label>
              <input id={keyId} type="password" value={key} onChange={(e) => setKey(e.target.value)} />
            </>
          )}
          <button type="button" disabled={s.opening} onClick={() => void s.open(key || undefined)}>
            Open a class session
          </button>
        </div>
      ) : (
        <div className="class-bar-live">
          <img
            className="class-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(st.qrSvg)}`}
            alt={`QR code of the join address ${st.joinUrl}`}
            data-testid="class-qr"
          />
          <div>
            <p className="class-join">
              Join at <strong data-testid="class-join-url">{st.joinUrl}</strong>
            </p>
            <p className="class-join">
              Code{' '}
              <strong className="class-code" data-testid="class-code">
                {st.code}
              </strong>{' '}
              <span className="class-muted">
                (new students until{' '}
                {new Date(st.codeExpiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})
              </span>
            </p>
            <p data-testid="class-students">
              {st.joined} joined, {st.connected} connected{st.closed && ' · the session has ended'}
              {s.link !== 'open' && ' · reconnecting to the class server…'}
            </p>
            <div className="row">
              {!st.closed && (
                <button
                  type="button"
                  aria-pressed={st.hidden}
                  data-testid="class-hide"
                  onClick={() => s.setHidden(!st.hidden)}
                >
                  Hide answers until the reveal
                </button>
              )}
              <button type="button" data-testid="class-export" onClick={() => void s.exportCsv()}>
                Export CSV
              </button>
              {st.closed ? (
                <button type="button" className="secondary" onClick={s.forget}>
                  Leave
                </button>
              ) : (
                <button type="button" className="secondary" data-testid="class-end" onClick={s.close}>
                  End the session
                </button>
              )}
            </div>
          </div>
        </div>
      )}
      {s.error && (
        <p className="notice notice-error" role="alert">
          {s.error}
        </p>
      )}
    </section>
  );
}
