/**
 * `npm run class`: the class session server (./app.ts), for a laptop in a lecture hall or a
 * department server alike. Builds the lab first when dist/ has no build.
 *
 *   npm run class -- [--port 8080] [--host 0.0.0.0] [--data .class-data] [--public-url URL]
 *                    [--origin URL]... [--code-ttl-minutes 180] [--retention-days 30]
 *
 * Each flag can also be given as an environment variable: CLASS_PORT, CLASS_HOST, CLASS_DATA,
 * CLASS_PUBLIC_URL, CLASS_ORIGINS (comma-separated), CLASS_CODE_TTL_MINUTES,
 * CLASS_RETENTION_DAYS, and CLASS_INSTRUCTOR_KEY (when set, opening a session needs it).
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { hasBuild, startClassServer } from './app';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    dist: { type: 'string' },
    'public-url': { type: 'string' },
    origin: { type: 'string', multiple: true },
    'code-ttl-minutes': { type: 'string' },
    'retention-days': { type: 'string' },
    'api-only': { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(
    'npm run class -- [--port 8080] [--host 0.0.0.0] [--data .class-data] [--public-url URL] [--origin URL] [--code-ttl-minutes 180] [--retention-days 30] [--api-only]',
  );
  process.exit(0);
}

const env = process.env;
const number = (v: string | undefined, fallback: number, what: string) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`class: ${what} must be a number ≥ 0, not "${v}"`);
    process.exit(2);
  }
  return n;
};
const dist = values.dist ?? 'dist';
if (!values['api-only'] && !hasBuild(dist)) {
  console.log('class: no build in dist/, building the lab first (npm run build)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = await startClassServer({
  port: number(values.port ?? env.CLASS_PORT, 8080, '--port'),
  host: values.host ?? env.CLASS_HOST ?? '0.0.0.0',
  dataDir: values.data ?? env.CLASS_DATA ?? '.class-data',
  distDir: values['api-only'] ? null : dist,
  publicUrl: values['public-url'] ?? env.CLASS_PUBLIC_URL,
  origins: values.origin ?? env.CLASS_ORIGINS?.split(',').filter(Boolean),
  codeTtlMinutes: number(values['code-ttl-minutes'] ?? env.CLASS_CODE_TTL_MINUTES, 180, '--code-ttl-minutes'),
  retentionDays: number(values['retention-days'] ?? env.CLASS_RETENTION_DAYS, 30, '--retention-days'),
  instructorKey: env.CLASS_INSTRUCTOR_KEY || undefined,
  log: (line) => console.log(`class: ${line}`),
});

console.log(`class: serving the lab and the class API at ${server.url}`);
console.log(`class: instructor, open ${server.url}/class (students get the join link and QR code from it)`);
const stop = () => {
  console.log('class: stopping (every answer received is on disk)');
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
