import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { accuracy, initBackend, loadModelFromDisk, readCards, readTestDigits } from '../lib/node-tf';

it(
  'npm run train -- --quick trains, saves and reloads models that beat chance',
  { timeout: 300_000 },
  async () => {
    const out = mkdtempSync(join(tmpdir(), 'sl-quick-'));
    const r = spawnSync('npx', ['tsx', 'scripts/train.ts', '--quick', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ETA/);
    const cards = readCards(out);
    expect(cards.map((c) => c.id)).toEqual(['cnn-0.25', 'mlp-0.25']);
    await initBackend('wasm');
    const digits = readTestDigits();
    for (const card of cards) {
      const model = await loadModelFromDisk(join(out, card.id));
      const acc = await accuracy(model, digits);
      model.dispose();
      expect(acc).toBeGreaterThan(0.3); // chance is 0.1
      // Trained and measured on WebGL in Chromium, re-measured on wasm in Node: the same model.
      expect(Math.abs(acc - card.cleanAccuracy)).toBeLessThanOrEqual(0.005);
      expect(card.epochs).toBe(1);
      expect(card.data.train).toBe(1000);
    }
  },
);
