import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';

/**
 * The projector view: any chart or panel shown alone, full-screen, with text of at least 24 px
 * (src/presentation.css). A panel takes part by spreading `projectable(...)` on its own root
 * element (so its layout in the page is untouched) and rendering `<ProjectorToggle>` inside it.
 * While one is shown, the page behind it is hidden from the eye, the keyboard and screen readers
 * (the shell's `projecting` class), and the panel is a modal dialog. Its button, the "f" key
 * (the panel under focus or the pointer, else the view's main one) and Escape leave it.
 */

/** Whether the panel `id` is the one shown alone. */
export function useProjected(id: string): boolean {
  return useAppStore((s) => s.projected === id);
}

/**
 * The attributes a projectable panel's root element takes (its own class names first); spread
 * them after the element's other attributes.
 */
export function projectable(
  className: string,
  id: string,
  title: string,
  projected: boolean,
  main = false,
): {
  className: string;
  'data-projectable': string;
  'data-projectable-main'?: 'true';
  role?: 'dialog';
  'aria-modal'?: true;
  'aria-label'?: string;
  'aria-labelledby'?: undefined;
} {
  return {
    className: `${className} projectable${projected ? ' projected' : ''}`,
    'data-projectable': id,
    ...(main ? { 'data-projectable-main': 'true' as const } : {}),
    // Shown alone, the panel is named for what it is ("The certificate, full-screen"), not by its
    // heading: spread these after the panel's own aria-labelledby.
    ...(projected
      ? {
          role: 'dialog' as const,
          'aria-modal': true as const,
          'aria-label': full(title),
          'aria-labelledby': undefined,
        }
      : {}),
  };
}

/** "The certificate, full-screen" */
const full = (title: string) => `${title.charAt(0).toUpperCase()}${title.slice(1)}, full-screen`;

/** The button that shows panel `id` alone, or, while it is, brings the page back. */
export function ProjectorToggle({ id, title }: { id: string; title: string }) {
  const projected = useProjected(id);
  const setProjected = useAppStore((s) => s.setProjected);
  const ref = useRef<HTMLButtonElement>(null);
  // Opened from the keyboard, the focus moves into the dialog; closed, it stays on this button.
  useEffect(() => {
    if (projected) ref.current?.focus({ preventScroll: true });
  }, [projected]);
  return (
    <button
      ref={ref}
      type="button"
      className="projector-toggle"
      aria-keyshortcuts={projected ? 'Escape' : 'F'}
      aria-label={projected ? `Leave the full-screen view of ${title}` : `Show ${title} full-screen`}
      title={projected ? 'Leave full screen (Esc)' : 'Full screen (F)'}
      data-testid={`project-${id}`}
      onClick={() => setProjected(projected ? null : id)}
    >
      {projected ? (
        <span>Leave full screen (Esc)</span>
      ) : (
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M2 7V2h5M13 2h5v5M18 13v5h-5M7 18H2v-5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
          />
        </svg>
      )}
    </button>
  );
}
