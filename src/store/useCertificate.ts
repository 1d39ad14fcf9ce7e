import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from './index';
import { deriveCertificate, type CertificateSource, type CertificateView } from './certificateView';

/**
 * The lab's certificate as every panel shows it: the store fields it is derived from (the run's
 * snapshot, its counts and the sliders, read in one shallow selection) and the view derived from
 * them by deriveCertificate. One hook, so every panel reads the same snapshot the same way.
 */
export function useCertificate(): { src: CertificateSource; view: CertificateView } {
  const src = useAppStore(
    useShallow((s) => ({
      params: s.params,
      modelId: s.modelId,
      drawn: s.drawn,
      run: s.run,
      status: s.status,
      selectionCounts: s.selectionCounts,
      estimationCounts: s.estimationCounts,
      selectionDone: s.selectionDone,
      estimationDone: s.estimationDone,
      outcome: s.outcome,
      stopAtRadius: s.stopAtRadius,
      stopRadius: s.stopRadius,
      stopWhenUnreachable: s.stopWhenUnreachable,
    })),
  );
  const view = useMemo(() => deriveCertificate(src), [src]);
  return { src, view };
}
