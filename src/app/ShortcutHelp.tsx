import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import { useAppStore } from '../store';

/** The keyboard shortcuts overlay ("?"): a modal dialog, closed with Escape or its button. */
export function ShortcutHelp() {
  const open = useAppStore((s) => s.helpOpen);
  const setOpen = useAppStore((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="help"
      aria-labelledby="help-title"
      onClose={() => setOpen(false)}
      data-testid="shortcut-help"
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      {[...new Set(SHORTCUTS.map((s) => s.group))].map((group) => (
        <table className="data-table" key={group}>
          <caption>{group}</caption>
          <tbody>
            {SHORTCUTS.filter((s) => s.group === group).map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p className="hint">
        Shortcuts work anywhere except while typing in a text field (Esc still leaves a full-screen chart). On
        a slider, the arrow keys move it; on a checkpoint&apos;s answers, they choose among them.
      </p>
      <button type="button" onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  );
}
