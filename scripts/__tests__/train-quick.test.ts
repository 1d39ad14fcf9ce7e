import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { accuracy, initBackend, loadModelFromDisk, readCards, readTestDigits } from '../lib/node-tf';

const quick = (out: string) =>
  spawnSync('npx', ['tsx', 'scripts/train.ts', '--quick', '--out', out], { encoding: 'utf8' });

it(
  'npm run train -- --quick trains (wasm, both methods), saves and reloads models that beat chance, seeded',
  { timeout: 300_000 },
  async () => {
    const out = mkdtempSync(join(tmpdir(), 'sl-quick-'));
    const r = quick(out);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/epoch 2: loss [\d.]+, validation accuracy under noise/);
    const cards = readCards(out);
    expect(cards.map((c) => c.id)).toEqual(['cnn-0.25', 'mlp-0.25']);
    expect(cards.map((c) => c.recipe?.method)).toEqual(['consistency', 'gaussian']);
    await initBackend('wasm');
    const digits = readTestDigits();
    for (const card of cards) {
      const model = await loadModelFromDisk(join(out, card.id));
      const acc = await accuracy(model, digits);
      model.dispose();
      expect(acc).toBeGreaterThan(0.3); // chance is 0.1
      // Trained and measured on wasm in Node; the saved weights give the accuracy on the card.
      expect(Math.abs(acc - card.cleanAccuracy)).toBeLessThanOrEqual(0.001);
      expect(card.epochs).toBe(2);
      expect(card.recipe!.history).toHaveLength(2);
      expect(card.recipe!.bestEpoch).toBeGreaterThanOrEqual(1);
      expect(card.data.train + card.recipe!.validation).toBe(1000);
    }
    // Seeded: a second run writes the same weights, byte for byte.
    const again = mkdtempSync(join(tmpdir(), 'sl-quick-'));
    expect(quick(again).status).toBe(0);
    for (const card of cards)
      expect(
        readFileSync(join(again, card.id, 'weights.bin')).equals(
          readFileSync(join(out, card.id, 'weights.bin')),
        ),
      ).toBe(true);
  },
);
