import { useState } from 'react';
import { projectable, ProjectorToggle, useProjected } from '../Projector';
import { CLASS_INK, GeoPlot, type GeoPlotProps } from './GeoPlot';

/**
 * The plot with its keyboard cursor (starting at `start`) and a caption that says where the cursor is,
 * which regions are drawn (`smoothed`: the smoothed classifier's, else the base classifier's) and what
 * each mark means.
 */
export function GeoFigure({
  start,
  smoothed,
  ...plot
}: Omit<GeoPlotProps, 'cursor' | 'onCursor' | 'label'> & { start: [number, number]; smoothed: boolean }) {
  const [cursor, setCursor] = useState<[number, number]>(start);
  const projected = useProjected('geometry');
  return (
    <figure {...projectable('geo-figure', 'geometry', 'the geometry plot', projected, true)}>
      <ProjectorToggle id="geometry" title="the geometry plot" />
      <GeoPlot
        {...plot}
        cursor={cursor}
        label="Decision regions and data. Arrow keys move the cursor, Shift for larger steps; Enter certifies the point under it."
        onCursor={setCursor}
      />
      <figcaption className="hint">
        Cursor at ({cursor[0].toFixed(2)}, {cursor[1].toFixed(2)}). Regions:{' '}
        <span data-testid="geo-regions">
          {smoothed
            ? 'the smoothed classifier (Monte Carlo, P(class 1) as the blend)'
            : 'the base classifier'}
        </span>
        . Points and regions: <span style={{ color: CLASS_INK[0] }}>class 0</span>,{' '}
        <span style={{ color: CLASS_INK[1] }}>class 1</span>. Solid circle: certified radius R; dashed: exact
        distance to the linear boundary; dash-dot circle and green dots: where the ray search found the
        smoothed prediction changing (the cross marks the nearest); dotted square: IBP box; red disc and
        arrows: the attack&apos;s L2 ball and its path.
      </figcaption>
    </figure>
  );
}
