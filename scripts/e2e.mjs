// Builds the app, finds a free port, and runs the Playwright suite against `vite preview` on it.
// Extra arguments go to `playwright test`. Set E2E_SKIP_BUILD=1 to reuse an existing dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: Chromium not found at ${chromium}. Install Debian's chromium or set CHROMIUM_PATH.`);
  process.exit(1);
}
if (!process.env.E2E_SKIP_BUILD) {
  const code = run('npm', ['run', '--silent', 'build']);
  if (code !== 0) process.exit(code);
}
const port = await freePort();
console.log(`e2e: serving dist/ on 127.0.0.1:${port}`);
process.exit(
  run('npx', ['playwright', 'test', ...process.argv.slice(2)], { ...process.env, E2E_PORT: String(port) }),
);
