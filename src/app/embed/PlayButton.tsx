import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';

/** Starts or pauses the lab's run (the lab's own Play button, data-testid="play"). */
export function PlayButton() {
  const { playing, setPlaying } = useAppStore(
    useShallow((s) => ({ playing: s.playing, setPlaying: s.setPlaying })),
  );
  return (
    <button type="button" data-testid="play" aria-pressed={playing} onClick={() => setPlaying(!playing)}>
      {playing ? 'Pause' : 'Play'}
    </button>
  );
}
