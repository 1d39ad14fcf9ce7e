import { useState } from 'react';
import { useAppStore } from '../../../store';
import { describeRunValues } from '../../../store/certificateView';
import { isRunStale } from '../../../store/labSlice';
import { routeHref } from '../../../store/urlRegistry';
import { copiedLinkMessage } from '../../copyLink';
import { resetLab } from '../../shortcuts';
import { flushUrl, labQueryOf } from '../../urlSync';

/**
 * The link "Copy link" copies, and what to say about it: the page's address with the lab's route
 * and query from the registry. While the certificate is out of date (and no run is going), the
 * link reopens the run on screen, not the controls' newer settings.
 */
function labLinkToCopy(): { url: string; message: string } {
  flushUrl();
  const st = useAppStore.getState();
  const run = st.status !== 'running' && isRunStale(st) ? st.run : null;
  const url = `${window.location.href.split('#')[0]}${routeHref('lab', labQueryOf(st, run ?? undefined))}`;
  const message = copiedLinkMessage({
    stale: run ? { runValues: describeRunValues(run.params, ['sigma', 'n', 'n0', 'alpha']) } : null,
    status: st.status,
    n: (st.run ?? st).params.n,
    stopAtRadius: st.stopAtRadius,
    backendRequest: st.backendRequest,
    backendInUse: st.backendStatus === 'ready' ? (st.backendReport?.backend ?? null) : null,
  });
  return { url, message };
}

/** The lab's Play/Pause, Reset and Copy link buttons, and the line that reports the copy. */
export function LabActions() {
  const playing = useAppStore((st) => st.playing);
  const setPlaying = useAppStore((st) => st.setPlaying);
  const [copied, setCopied] = useState('');
  return (
    <>
      <div className="row">
        <button type="button" data-testid="play" aria-pressed={playing} onClick={() => setPlaying(!playing)}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" aria-keyshortcuts="Shift+R" onClick={resetLab}>
          Reset
        </button>
        <button
          type="button"
          onClick={() => {
            const { url, message } = labLinkToCopy();
            const fallback = () => setCopied(`Copy this link: ${url}`);
            if (!navigator.clipboard) return fallback();
            navigator.clipboard.writeText(url).then(() => setCopied(message), fallback);
          }}
        >
          Copy link
        </button>
      </div>
      <p className="hint" role="status">
        {copied}
      </p>
    </>
  );
}
