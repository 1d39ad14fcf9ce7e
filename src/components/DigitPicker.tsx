import { memo, useMemo } from 'react';
import { digitAsFloats, type DigitSet } from '../data/digits';
import { useAppStore } from '../store';
import { DigitCanvas } from './DigitCanvas';
import { DrawPad } from './DrawPad';
import { PhotoInput } from './PhotoInput';
import { SectionHeading } from './SectionHeading';

export const GALLERY_SIZE = 60;

/** The input: a gallery of real test digits with their labels, or a digit drawn by the student. */
export const DigitPicker = memo(function DigitPicker({ digits }: { digits: DigitSet }) {
  const digit = useAppStore((s) => s.params.digit);
  const drawn = useAppStore((s) => s.drawn);
  const setParam = useAppStore((s) => s.setParam);
  const setDrawn = useAppStore((s) => s.setDrawn);
  const thumbs = useMemo(
    () => Array.from({ length: GALLERY_SIZE }, (_, i) => digitAsFloats(digits, i)),
    [digits],
  );
  const current = useMemo(() => drawn ?? digitAsFloats(digits, digit), [drawn, digits, digit]);
  return (
    <section className="picker" aria-labelledby="picker-title" data-step="input">
      <SectionHeading id="picker-title">1. Pick an input</SectionHeading>
      <div className="current">
        <DigitCanvas
          pixels={current}
          size={84}
          label={drawn ? 'your drawing' : `test digit ${digit}, a ${digits.labels[digit]}`}
        />
        <p>
          {drawn ? (
            <>
              Your drawing.{' '}
              <button type="button" className="link" onClick={() => setDrawn(null)}>
                Back to test digit #{digit}
              </button>
            </>
          ) : (
            <>
              Test digit #{digit}, true label <strong data-testid="true-label">{digits.labels[digit]}</strong>
            </>
          )}
        </p>
      </div>
      <div className="gallery" role="group" aria-label="Test digits">
        {Array.from({ length: GALLERY_SIZE }, (_, i) => (
          <button
            key={i}
            type="button"
            className="thumb"
            aria-pressed={!drawn && i === digit}
            aria-label={`test digit ${i}, a ${digits.labels[i]}`}
            onClick={() => {
              setDrawn(null);
              setParam('digit', i);
            }}
          >
            <DigitCanvas pixels={thumbs[i]!} size={32} label="" />
          </button>
        ))}
      </div>
      <details>
        <summary>Draw your own digit</summary>
        <DrawPad onUse={setDrawn} />
      </details>
      <details data-testid="photo-details">
        <summary>Use a photo of your own digit</summary>
        <PhotoInput onUse={setDrawn} />
      </details>
    </section>
  );
});
