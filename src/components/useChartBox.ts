import { useEffect, useRef, useState } from 'react';

/**
 * A chart container's font size, width and height in px, read from CSS and kept current by a
 * ResizeObserver, so a chart can size its axes for its text (presentation mode makes the text
 * larger; a phone makes the box narrower).
 */
export function useChartBox(): {
  ref: React.RefObject<HTMLDivElement | null>;
  fontPx: number;
  width: number;
  height: number;
} {
  const ref = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ fontPx: 16, width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const fontPx = parseFloat(getComputedStyle(el).fontSize) || 16;
      const width = el.clientWidth;
      const height = el.clientHeight;
      setBox((b) =>
        b.fontPx === fontPx && b.width === width && b.height === height ? b : { fontPx, width, height },
      );
    };
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return { ref, ...box };
}
