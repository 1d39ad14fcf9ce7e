/**
 * How every script and test starts Debian's Chromium headless: Playwright cannot download its
 * own browsers here. --no-sandbox because CI runs as root; the background-networking flags keep
 * Chromium from calling out of this closed network; SwiftShader renders WebGL without a GPU.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];
