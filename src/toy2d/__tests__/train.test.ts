import { describe, expect, it } from 'vitest';
import { forward } from '../../bounds';
import { makeDataset } from '../datasets';
import { TOY_MODELS, createTrainer, initNet, logits } from '../train';

describe('toy 2D trainer', () => {
  it('the MLP reaches >= 95% training accuracy on moons', () => {
    const data = makeDataset('moons', 400, 0);
    const cfg = TOY_MODELS.mlp;
    const tr = createTrainer(initNet(cfg.sizes, 0), data, { lr: cfg.lr });
    tr.step(cfg.epochs);
    expect(tr.accuracy()).toBeGreaterThanOrEqual(0.95);
    expect(tr.epochs).toBe(cfg.epochs);
  });

  it('the linear model reaches >= 95% training accuracy on blobs', () => {
    const data = makeDataset('blobs', 400, 0);
    const cfg = TOY_MODELS.linear;
    const net = initNet(cfg.sizes, 0);
    expect(net.layers).toHaveLength(1);
    const tr = createTrainer(net, data, { lr: cfg.lr });
    const first = tr.step(1);
    const last = tr.step(cfg.epochs - 1);
    expect(last).toBeLessThan(first);
    expect(tr.accuracy()).toBeGreaterThanOrEqual(0.95);
  });

  it('is seeded, and its logits agree with src/bounds forward', () => {
    expect(initNet([2, 16, 2], 3)).toEqual(initNet([2, 16, 2], 3));
    expect(initNet([2, 16, 2], 3)).not.toEqual(initNet([2, 16, 2], 4));
    const net = initNet([2, 16, 16, 2], 1);
    const z = logits(net, [0.3, -0.7]);
    forward(net, [0.3, -0.7]).forEach((zi, i) => expect(z[i]).toBeCloseTo(zi, 12));
  });
});
