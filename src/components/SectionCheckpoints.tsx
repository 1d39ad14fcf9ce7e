import { memo } from 'react';
import { checkpointsFor } from '../lesson/checkpoints';
import type { SectionId } from '../lesson/sections';
import { Checkpoint } from './Checkpoint';

/** The predict-then-reveal checkpoints of one lesson section. */
export const SectionCheckpoints = memo(function SectionCheckpoints({ section }: { section: SectionId }) {
  const defs = checkpointsFor(section).filter((d) => !d.inline);
  if (defs.length === 0) return null;
  return (
    <div className="checkpoints">
      {defs.map((d) => (
        <Checkpoint key={d.id} def={d} />
      ))}
    </div>
  );
});
