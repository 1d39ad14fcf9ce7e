/**
 * When an embedded widget reports its height, and which height (pure, tested in Node).
 *
 * - Nothing is reported before the widget is laid out (its code and data have arrived): a page
 *   never sizes its frame to a loading placeholder and then jumps.
 * - At one width, the reported height never shrinks: it is the tallest the widget has been. A run
 *   whose text gets shorter for a moment leaves the frame (and the lesson text below it) where it
 *   is; the widget's root takes that height as its min-height, so the frame and the widget agree.
 * - A new width is a new layout: the height is measured afresh and may shrink.
 */
export interface HeightState {
  /** The width the current floor belongs to (CSS px), or -1 before the first measure. */
  width: number;
  /** The tallest height seen at that width (whole CSS px). */
  floor: number;
  /** The last height reported to the page, or null before the first report. */
  sent: number | null;
}

export const INITIAL_HEIGHT: HeightState = { width: -1, floor: 0, sent: null };

export interface HeightDecision {
  state: HeightState;
  /** The height to post now, or null to post nothing. */
  send: number | null;
}

/** Whether a measure at `width` starts a new layout (then the root's min-height is cleared first). */
export function isNewWidth(state: HeightState, width: number): boolean {
  return Math.round(width) !== state.width;
}

/**
 * The next state after one measure of the widget's root (`height` measured with its min-height
 * cleared when isNewWidth said so), and what to post.
 */
export function nextHeight(
  state: HeightState,
  m: { width: number; height: number; laidOut: boolean },
): HeightDecision {
  if (!m.laidOut || !Number.isFinite(m.height) || m.height <= 0) return { state, send: null };
  const width = Math.round(m.width);
  const h = Math.ceil(m.height);
  const floor = width !== state.width ? h : Math.max(state.floor, h);
  const send = floor !== state.sent ? floor : null;
  return { state: { width, floor, sent: floor }, send };
}
