/**
 * The bench's "counters" part: the GPU path's counters per 10,000 samples (reads, bytes uploaded,
 * programs compiled); and, with --profile, where one batch's time goes (bench.html?profile=1).
 */
import type { Page } from '@playwright/test';
import { benchPage, f, type BenchContext, type Counters } from './page';

/** bench.html's WebGL counters per model (null where it could not count). */
export async function measureCounters({ base, quick }: BenchContext, page: Page) {
  return (
    (await benchPage(page, base, `backend=webgl&counters=1&samples=${quick ? 2000 : 10_000}`)).counters ??
    null
  );
}

/** One batch's parts, microseconds per sample, per '<backend> <model x rows>', on each backend but cpu. */
export async function measureProfile(base: string, page: Page, backends: string[]) {
  const profile: Record<string, Record<string, number>> = {};
  for (const backend of backends.filter((b) => b !== 'cpu')) {
    console.error(`bench: profile of one batch on ${backend}…`);
    const query = backend === 'wasm-simd' ? 'backend=wasm&threads=0' : `backend=${backend}`;
    const r = (await benchPage(page, base, `${query}&profile=1`)) as {
      profile?: Record<string, Record<string, number>>;
    };
    for (const [k, v] of Object.entries(r.profile ?? {})) profile[`${backend} ${k}`] = v;
  }
  return profile;
}

export function printCounters(counters: Record<string, Counters | null>) {
  console.log('\nGPU path (WebGL), per 10,000 samples after warm-up:');
  console.log('| model | reads | bytes uploaded | programs compiled | batches in flight |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [m, c] of Object.entries(counters)) {
    if (c) {
      console.log(
        `| ${m} | ${f(c.readsPer10k)} | ${f(c.bytesUploadedPer10k)} | ${f(c.programsCompiledPer10k)} | ${c.batchesInFlight} |`,
      );
    }
  }
}

export function printProfile(profile: Record<string, Record<string, number>>) {
  const cols = [
    'gpuNoise',
    'jsNoiseUpload',
    'jsNoisyRows',
    'tfRandomNormal',
    'forward',
    'countBatch',
    'countBatchJsNoise',
    'pipelined',
    'nothing',
  ];
  console.log(
    '\nOne batch, microseconds per sample (each part alone, ending with a one-number read-back):\n',
  );
  console.log(
    '| backend model x rows | noise on the GPU | z in JS + upload | x + sigma z in JS (fused) + upload | tf.randomNormal | forward pass | whole batch, GPU or helper noise | whole batch, JS noise | batches with the helper worker one ahead | empty op + read-back |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [k, r] of Object.entries(profile)) {
    console.log(`| ${k} | ${cols.map((c) => (r[c] === undefined ? '–' : f(r[c], 1))).join(' | ')} |`);
  }
}
