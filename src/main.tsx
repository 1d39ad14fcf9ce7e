// The global stylesheet first (variables, resets, shared patterns); each component imports its own;
// presentation mode's overrides come last.
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerServiceWorker } from './app/serviceWorker';
import { startUrlSync } from './app/urlSync';
import { startUserModels } from './app/userModels';
import { useAppStore } from './store';
import { whenLabQuiet } from './store/labQuiet';
import { isFinished } from './store/labSlice';
import './styles/presenting.css';
import './presentation.css';

startUrlSync();
// The models the student trained in this browser (IndexedDB): listed, and usable, once read.
void startUserModels();
// The offline copy is downloaded after the first certificate is on screen, in a pause between runs.
registerServiceWorker(
  new Promise<void>((resolve) => {
    const off = useAppStore.subscribe((s) => {
      if (isFinished(s.status)) {
        off();
        resolve();
      }
    });
  }),
  () => whenLabQuiet(useAppStore),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
