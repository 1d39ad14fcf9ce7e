import { useEffect, useMemo, useRef, useState } from 'react';
import {
  crownCertifiedRadius,
  ibpCertifiedRadius,
  lipschitzCertifiedRadius,
  type ReluNet,
} from '../../bounds';
import { GeoMethodsTable, type GeoRadii } from '../../components/geometry/GeoMethodsTable';
import { CLASS_INK, EXTENT, GeoPlot, type RegionGrid } from '../../components/geometry/GeoPlot';
import { ParamSlider } from '../../components/ParamSlider';
import { ABSTAIN, certify, type CertifyResult } from '../../smoothing';
import { useAppStore } from '../../store';
import { DATASETS, makeDataset, type DatasetName } from '../../toy2d/datasets';
import {
  classOf,
  linearCertificate,
  noisyPoint,
  smoothedRegions,
  TOY_STREAM_IDS,
  toySampler,
} from '../../toy2d/smooth';
import { createTrainer, initNet, TOY_MODELS, type ToyModelKind } from '../../toy2d/train';

/** Points in the dataset (half per class). */
const POINTS = 400;
/** Epochs trained between two yields to the browser. */
const CHUNK_EPOCHS = 50;
/** Cells per side of the base decision-region heatmap. */
const BASE_CELLS = 120;
/** Noisy copies drawn around the selected point (the first of the n estimation samples). */
const CLOUD = 200;
/** Cells per side and samples per cell of the smoothed decision regions. */
const SMOOTH_CELLS = 24;
const SMOOTH_SAMPLES = 100;
const KINDS = Object.keys(TOY_MODELS) as ToyModelKind[];

interface Trained {
  key: string;
  nets: Record<ToyModelKind, ReluNet>;
  accuracy: Record<ToyModelKind, number>;
}

const nextFrame = () => new Promise<void>((r) => setTimeout(r, 0));

/** P(class 1) of the base net's softmax at every cell centre of a grid over [-EXTENT, EXTENT]^2. */
function baseRegions(net: ReluNet, cells: number): RegionGrid {
  const values = new Float32Array(cells * cells);
  const step = (2 * EXTENT) / cells;
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++)
      values[r * cells + c] = classOf(net, [-EXTENT + (c + 0.5) * step, EXTENT - (r + 0.5) * step]);
  return { cells, values };
}

/**
 * "Geometry and other methods" (DESIGN.md view 2): a 2D toy dataset, a linear model and a small ReLU
 * network trained in the page, and for a chosen point its noise cloud, CERTIFY's votes and certified L2
 * circle, the exact certificate of the linear model, and IBP / CROWN / Lipschitz radii of the same net.
 * sigma, n, n0, alpha and the seed come from the store (and so from the URL).
 */
export function GeometryView() {
  const sigma = useAppStore((s) => s.params.sigma);
  const n = useAppStore((s) => s.params.n);
  const n0 = useAppStore((s) => s.params.n0);
  const alpha = useAppStore((s) => s.params.alpha);
  const seed = useAppStore((s) => s.params.seed);
  const [dataset, setDataset] = useState<DatasetName>('moons');
  const [kind, setKind] = useState<ToyModelKind>('mlp');
  const [trained, setTrained] = useState<Trained | null>(null);
  const [progress, setProgress] = useState({ key: '', done: 0 });
  const [cursor, setCursor] = useState<[number, number]>([0, 0]);
  const [selected, setSelected] = useState<[number, number] | null>(null);
  const [cert, setCert] = useState<{ key: string; result: CertifyResult } | null>(null);
  const [smooth, setSmooth] = useState<{ key: string; grid: RegionGrid; rows: number } | null>(null);

  const trainKey = `${dataset}:${seed}`;
  const data = useMemo(() => makeDataset(dataset, POINTS, seed), [dataset, seed]);
  const ready = trained?.key === trainKey ? trained : null;
  const net = ready?.nets[kind] ?? null;
  const totalEpochs = KINDS.reduce((s, k) => s + TOY_MODELS[k].epochs, 0);

  // Train both models whenever the dataset or the seed changes, in small awaited chunks.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const nets = {} as Record<ToyModelKind, ReluNet>;
      const accuracy = {} as Record<ToyModelKind, number>;
      let done = 0;
      for (const k of KINDS) {
        const cfg = TOY_MODELS[k];
        const trainer = createTrainer(initNet(cfg.sizes, seed), data, { lr: cfg.lr });
        while (trainer.epochs < cfg.epochs) {
          await nextFrame();
          if (cancelled) return;
          const count = Math.min(CHUNK_EPOCHS, cfg.epochs - trainer.epochs);
          trainer.step(count);
          done += count;
          setProgress({ key: trainKey, done });
        }
        nets[k] = trainer.net;
        accuracy[k] = trainer.accuracy();
      }
      setTrained({ key: trainKey, nets, accuracy });
    })();
    return () => {
      cancelled = true;
    };
  }, [data, seed, trainKey]);

  const regions = useMemo(() => (net ? baseRegions(net, BASE_CELLS) : null), [net]);

  // CERTIFY at the selected point; re-run when the point, the model or a parameter changes.
  const certKey =
    net && selected ? `${trainKey}:${kind}:${selected.join(',')}:${sigma}:${n}:${n0}:${alpha}` : '';
  useEffect(() => {
    if (!net || !selected) return;
    let cancelled = false;
    void (async () => {
      await nextFrame();
      if (cancelled) return;
      const result = await certify(toySampler(net, selected, sigma, seed), { n0, n, alpha, sigma });
      if (!cancelled) setCert({ key: certKey, result });
    })();
    return () => {
      cancelled = true;
    };
  }, [net, selected, sigma, n, n0, alpha, seed, certKey]);
  const result = cert?.key === certKey ? cert.result : null;

  const cloud = useMemo(() => {
    if (!net || !selected) return [];
    return Array.from({ length: Math.min(CLOUD, n) }, (_, i) => {
      const p = noisyPoint(selected, sigma, seed, TOY_STREAM_IDS.estimation, i);
      return { p, c: classOf(net, p) };
    });
  }, [net, selected, sigma, seed, n]);

  const exact = useMemo(
    () => (net && selected && kind === 'linear' ? linearCertificate(net, selected, sigma) : null),
    [net, selected, kind, sigma],
  );

  const radii = useMemo((): GeoRadii | null => {
    if (!net || !selected) return null;
    const label = classOf(net, selected);
    return {
      smoothing: null,
      exact: exact?.distance ?? null,
      ibp: ibpCertifiedRadius(net, selected, label, { maxRadius: 10 }),
      crown: crownCertifiedRadius(net, selected, label, 'l2', { maxRadius: 10 }),
      lipschitz: lipschitzCertifiedRadius(net, selected, label),
    };
  }, [net, selected, exact]);

  // Smoothed decision regions: computed on request, row by row; dropped when the model or sigma changes.
  const smoothKey = net ? `${trainKey}:${kind}:${sigma}` : '';
  const smoothKeyRef = useRef(smoothKey);
  useEffect(() => {
    smoothKeyRef.current = smoothKey;
  }, [smoothKey]);
  const smoothShown = smooth?.key === smoothKey ? smooth : null;
  const smoothRun = useRef(0);
  const computeSmoothed = async () => {
    if (!net) return;
    const key = smoothKey;
    const run = ++smoothRun.current; // a newer click stops this run
    await smoothedRegions(
      net,
      sigma,
      seed,
      { cells: SMOOTH_CELLS, samples: SMOOTH_SAMPLES, lo: -EXTENT, hi: EXTENT },
      async (grid, rows) => {
        const current = () => smoothKeyRef.current === key && smoothRun.current === run;
        if (!current()) return false;
        setSmooth({ key, grid: { cells: SMOOTH_CELLS, values: grid.slice() }, rows });
        await nextFrame();
        return current();
      },
    );
  };
  const [showSmoothed, setShowSmoothed] = useState(false);
  const shownRegions = showSmoothed && smoothShown ? smoothShown.grid : regions;

  const abstained = result?.prediction === ABSTAIN;
  const radius = result && !abstained ? result.radius : null;
  const status = ready ? 'trained' : 'training';
  const pct = Math.round((100 * (progress.key === trainKey ? progress.done : 0)) / totalEpochs);

  return (
    <div className="geo">
      <div className="geo-grid">
        <section className="geo-controls" aria-labelledby="geo-setup">
          <h3 id="geo-setup">Set-up</h3>
          <label className="geo-field">
            Dataset
            <select
              data-testid="geo-dataset"
              value={dataset}
              onChange={(e) => setDataset(e.currentTarget.value as DatasetName)}
            >
              {(Object.keys(DATASETS) as DatasetName[]).map((d) => (
                <option key={d} value={d}>
                  {DATASETS[d]}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="geo-field">
            <legend>Base classifier</legend>
            {KINDS.map((k) => (
              <label key={k} className="geo-radio">
                <input
                  type="radio"
                  name="geo-model"
                  value={k}
                  data-testid={`geo-model-${k}`}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                {TOY_MODELS[k].label}
                {ready && (
                  <span className="hint"> (train accuracy {(100 * ready.accuracy[k]).toFixed(1)}%)</span>
                )}
              </label>
            ))}
          </fieldset>
          <div className="geo-train">
            <span data-testid="geo-status" role="status">
              {status}
            </span>
            {!ready && (
              <progress max={100} value={pct} aria-label="Training progress">
                {pct}%
              </progress>
            )}
          </div>
          <ParamSlider paramKey="sigma" />
          <ParamSlider paramKey="n" />
          <ParamSlider paramKey="alpha" />
          <p className="hint">
            n0 = {n0} selection samples, noise seed {seed} (both from the URL). The data and the initial
            weights use the same seed.
          </p>
          <div className="row">
            <button
              type="button"
              disabled={!net}
              onClick={() => {
                setShowSmoothed(true);
                void computeSmoothed();
              }}
            >
              Compute smoothed regions
            </button>
            <button
              type="button"
              aria-pressed={showSmoothed}
              disabled={!smoothShown}
              onClick={() => setShowSmoothed(!showSmoothed)}
            >
              Show smoothed regions
            </button>
          </div>
          {smoothShown && (
            <p className="hint" data-testid="geo-smooth-progress">
              Smoothed regions: {smoothShown.rows} of {SMOOTH_CELLS} rows ({SMOOTH_CELLS}×{SMOOTH_CELLS}{' '}
              cells, {SMOOTH_SAMPLES} noisy samples each; a Monte Carlo estimate, not certified).
            </p>
          )}
        </section>

        <figure className="geo-figure">
          <GeoPlot
            points={data.points}
            labels={data.labels}
            regions={shownRegions}
            cursor={cursor}
            selected={selected}
            cloud={cloud}
            radius={radius}
            distance={exact?.distance ?? null}
            box={radii?.ibp ?? null}
            label="Decision regions and data. Arrow keys move the cursor, Shift for larger steps; Enter certifies the point under it."
            onCursor={setCursor}
            onSelect={setSelected}
          />
          <figcaption className="hint">
            Cursor at ({cursor[0].toFixed(2)}, {cursor[1].toFixed(2)}). Regions:{' '}
            <span data-testid="geo-regions">
              {shownRegions === regions
                ? 'the base classifier'
                : 'the smoothed classifier (Monte Carlo, P(class 1) as the blend)'}
            </span>
            . Points and regions: <span style={{ color: CLASS_INK[0] }}>class 0</span>,{' '}
            <span style={{ color: CLASS_INK[1] }}>class 1</span>. Solid circle: certified radius; dashed:
            exact distance to the linear boundary; dotted square: IBP box.
          </figcaption>
        </figure>

        <section className="geo-result" aria-labelledby="geo-cert" aria-live="polite">
          <h3 id="geo-cert">Certificate</h3>
          {!selected ? (
            <p className="hint">Click the plot, or focus it and press Enter, to certify a point.</p>
          ) : (
            <dl className="numbers">
              <dt>Point x</dt>
              <dd data-testid="geo-point">
                ({selected[0].toFixed(2)}, {selected[1].toFixed(2)})
              </dd>
              <dt>Selection votes (n0 = {n0}), class 0 : class 1</dt>
              <dd data-testid="geo-votes-selection">
                {result ? result.selectionCounts.join(' : ') : 'sampling…'}
              </dd>
              <dt>Estimation votes (n = {n}), class 0 : class 1</dt>
              <dd data-testid="geo-votes">{result ? result.estimationCounts.join(' : ') : 'sampling…'}</dd>
              <dt>p_lower</dt>
              <dd data-testid="geo-plower">{result ? result.pLower.toFixed(4) : '…'}</dd>
              <dt>Certified radius R</dt>
              <dd className="big" data-testid="geo-radius">
                {!result ? '…' : abstained ? 'ABSTAIN' : result.radius.toFixed(4)}
              </dd>
              {result && !abstained && (
                <>
                  <dt>Smoothed prediction</dt>
                  <dd data-testid="geo-prediction">class {result.prediction}</dd>
                </>
              )}
              {exact && (
                <>
                  <dt>Distance d to the boundary</dt>
                  <dd data-testid="geo-distance">{exact.distance.toFixed(4)}</dd>
                  <dt>Exact p_A = Φ(d / σ)</dt>
                  <dd data-testid="geo-pa">{exact.pA.toFixed(4)}</dd>
                </>
              )}
            </dl>
          )}
          {exact && (
            <p className="hint">
              For a linear model the smoothed classifier has the same boundary and its exact certified radius
              is d. CERTIFY only sees n samples, so R ≤ d except with probability α = {alpha}.
            </p>
          )}
        </section>
      </div>
      {radii && (
        <GeoMethodsTable
          radii={{ ...radii, smoothing: !result ? null : abstained ? 'abstain' : result.radius }}
          alpha={alpha}
        />
      )}
    </div>
  );
}
