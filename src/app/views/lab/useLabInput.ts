import { useMemo } from 'react';
import { GALLERY_SIZE } from '../../../components/DigitPicker';
import { labInput } from '../../../data/digits';
import { useDigits } from '../../../data/useDigits';
import { useCertifyRunner } from '../../../engine/client/useEngine';
import { useAppStore } from '../../../store';

/**
 * The lab's input and its run: the test digits (a first visit fetches only the small first-digits
 * file, plus what the chosen digit needs), the input `x` (the drawn digit, else the gallery's
 * chosen one; 784 values in [0, 1], null until known), and the certificate run on it.
 */
export function useLabInput(): { digits: ReturnType<typeof useDigits>; x: Float32Array | null } {
  const digit = useAppStore((st) => st.params.digit);
  const drawn = useAppStore((st) => st.drawn);
  const digits = useDigits(Math.max(GALLERY_SIZE, digit + 1));
  const set = digits.status === 'ready' ? digits.set : null;
  const x = useMemo(() => (set ? labInput(set, digit, drawn) : drawn), [drawn, set, digit]);
  useCertifyRunner(x);
  return { digits, x };
}
