// Everything here is what a lesson page would write itself: no library, no other host.
// The messages, both ways, are described in ./embed-messages.schema.json.
const SOURCE = 'smoothing-lab';
const VERSION = 1;
// The widgets live beside this page, so they share its origin; a page on another host would
// use the lab's origin here instead (new URL(frame.src).origin).
const LAB_ORIGIN = location.origin;
const frames = Array.from(document.querySelectorAll('iframe[data-widget]'));

if (location.protocol === 'file:') document.getElementById('file-warning').hidden = false;

// Matched defaults: the model trained at the noise level it is certified at.
const modelFor = (sigma) => `mlp-${sigma.toFixed(2)}`;
const sigma = document.getElementById('sigma');
const pageSigma = document.getElementById('page-sigma');
const chosen = () => Number(sigma.value);
// The widgets start at the value the page's own control shows (a reload may have restored it).
for (const frame of frames) {
  const matched =
    frame.dataset.fixedSigma === undefined ? `&sigma=${chosen()}&model=${modelFor(chosen())}` : '';
  const query = `${frame.dataset.params}${matched}&origin=${encodeURIComponent(location.origin)}`;
  // A first guess at the height, until the widget reports its own (it reports only once laid out).
  if (frame.dataset.height) frame.style.height = `${frame.dataset.height}px`;
  frame.src = `./index.html#/embed/${frame.dataset.widget}?${query.replace(/^&/, '')}`;
  frame.dataset.heightMessages = '0';
}

const log = document.getElementById('log');
function note(text) {
  const li = document.createElement('li');
  li.textContent = text;
  log.prepend(li);
  while (log.children.length > 40) log.lastChild.remove();
}

/** One line per message, so an author sees what a widget said. */
function describe(m) {
  switch (m.type) {
    case 'ready':
      return 'ready';
    case 'height':
      return `height ${m.height}px`;
    case 'params-changed':
      return `params-changed (${m.cause}): σ = ${m.params.sigma}, n = ${m.params.n}, model ${m.params.model}`;
    case 'certificate':
      return `certificate (${m.bound}): ${m.sentence}`;
    case 'error':
      return `error: ${m.message}`;
    default:
      return `unknown message ${JSON.stringify(m.type)}`;
  }
}

window.addEventListener('message', (event) => {
  if (event.origin !== LAB_ORIGIN) return;
  const frame = frames.find((f) => f.contentWindow === event.source);
  const m = event.data;
  if (!frame || typeof m !== 'object' || m === null || m.source !== SOURCE || m.version !== VERSION) return;
  note(`${m.widget}: ${describe(m)}`);
  if (m.type === 'ready') frame.dataset.ready = 'true';
  if (m.type === 'height' && Number.isFinite(m.height) && m.height > 0) {
    frame.style.height = `${m.height}px`;
    frame.dataset.heightMessages = String(Number(frame.dataset.heightMessages) + 1);
  }
  if (m.type === 'certificate') {
    // The page may quote the lab's own words: never a guarantee sentence of its own.
    pageSigma.textContent = `Last certificate (${m.widget}): ${m.sentence}`;
  }
});

document.getElementById('controls').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = { sigma: chosen(), model: modelFor(chosen()) };
  const message = { source: SOURCE, type: 'set-params', version: VERSION, params };
  for (const frame of frames) {
    if (frame.dataset.fixedSigma === undefined) frame.contentWindow.postMessage(message, LAB_ORIGIN);
  }
  note(`sent set-params σ = ${params.sigma}, model ${params.model}`);
});
