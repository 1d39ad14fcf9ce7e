// Everything here is what a lesson page would write itself: no library, no other host.
const SOURCE = 'smoothing-lab';
// The widgets live beside this page, so they share its origin; a page on another host would
// use the lab's origin here instead (new URL(frame.src).origin).
const LAB_ORIGIN = location.origin;
const frames = Array.from(document.querySelectorAll('iframe[data-widget]'));

if (location.protocol === 'file:') document.getElementById('file-warning').hidden = false;

const sigma = document.getElementById('sigma');
const sigmaValue = document.getElementById('sigma-value');
// The widgets start with the value the page's own slider shows (a reload may have restored it).
sigmaValue.value = Number(sigma.value).toFixed(2);
for (const frame of frames) {
  const query = `${frame.dataset.params}&sigma=${Number(sigma.value)}&origin=${encodeURIComponent(location.origin)}`;
  frame.src = `./index.html#/embed/${frame.dataset.widget}?${query}`;
  frame.dataset.heightMessages = '0';
}

const log = document.getElementById('log');
function note(text) {
  const li = document.createElement('li');
  li.textContent = text;
  log.prepend(li);
  while (log.children.length > 20) log.lastChild.remove();
}

// ready: { source, type: 'ready', widget, version }; height: { source, type: 'height', widget, height }
window.addEventListener('message', (event) => {
  if (event.origin !== LAB_ORIGIN) return;
  const frame = frames.find((f) => f.contentWindow === event.source);
  const m = event.data;
  if (!frame || typeof m !== 'object' || m === null || m.source !== SOURCE) return;
  if (m.type === 'ready') {
    frame.dataset.ready = 'true';
    note(`${m.widget}: ready`);
  } else if (m.type === 'height' && Number.isFinite(m.height) && m.height > 0) {
    frame.style.height = `${m.height}px`;
    frame.dataset.heightMessages = String(Number(frame.dataset.heightMessages) + 1);
    note(`${m.widget}: height ${m.height}px`);
  }
});

sigma.addEventListener('input', () => {
  sigmaValue.value = Number(sigma.value).toFixed(2);
});
document.getElementById('controls').addEventListener('submit', (event) => {
  event.preventDefault();
  const message = { source: SOURCE, type: 'set-params', params: { sigma: Number(sigma.value) } };
  for (const frame of frames) frame.contentWindow.postMessage(message, LAB_ORIGIN);
  note(`sent set-params sigma = ${message.params.sigma}`);
});
