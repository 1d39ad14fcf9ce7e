import { useEffect, useMemo, useRef, useState } from 'react';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import {
  crownCertifiedRadius,
  ibpCertifiedRadius,
  lipschitzCertifiedRadius,
  type ReluNet,
} from '../../bounds';
import { GeoMethodsTable, type GeoRadii } from '../../components/geometry/GeoMethodsTable';
import { CLASS_INK, EXTENT, GeoPlot, type RegionGrid } from '../../components/geometry/GeoPlot';
import { OtherMethodsText } from '../../components/geometry/OtherMethodsText';
import { ParamSlider } from '../../components/ParamSlider';
import { UrlNotices } from '../../components/UrlNotices';
import { ABSTAIN, certify, predict, type CertifyResult } from '../../smoothing';
import { useAppStore } from '../../store';
import { GEO_URL, type GeoParams } from '../../store/urlSchema';
import { DATASETS, makeDataset, type DatasetName } from '../../toy2d/datasets';
import { compileNet, DEFAULT_RAY_OPTIONS, raySearch, type RayHit } from '../../toy2d/raySearch';
import {
  classOf,
  linearCertificate,
  noisyPoint,
  smoothedRegions,
  TOY_STREAM_IDS,
  toySampler,
} from '../../toy2d/smooth';
import { createTrainer, initNet, TOY_MODELS, type ToyModelKind } from '../../toy2d/train';
import type * as TfPageModule from '../../toy2d/tfPage';
import { useLabQuery } from '../urlSync';

/** Points in the dataset (half per class). */
const POINTS = 400;
/** Epochs between two yields to the browser: of the TF.js trainer, and of the TypeScript fallback. */
const TF_CHUNK = 10;
const TS_CHUNK = 50;
/** Cells per side of the base decision-region heatmap. */
const BASE_CELLS = 120;
/** Noisy copies drawn around the selected point (the first of the n estimation samples). */
const CLOUD = 200;
/**
 * The smoothed decision regions: cells per side of each level, coarse to fine (computed with TF.js on
 * the GPU), and noisy samples per cell. Without TF.js, plain TypeScript computes the first two levels.
 */
const SMOOTH_LEVELS = [12, 24, 48, 96];
const SMOOTH_LEVELS_TS = [12, 24];
const SMOOTH_SAMPLES = 128;
/** PGD steps, and noise draws per step of the attack on the smoothed classifier. */
const ATTACK_STEPS = 12;
const ATTACK_NOISE = 32;
const KINDS = Object.keys(TOY_MODELS) as ToyModelKind[];
const EPS = GEO_URL.spec('eps');

type TfPage = typeof TfPageModule;
let tfPage: Promise<TfPage> | null = null;
/** This thread's TF.js, loaded on first use (it is not part of the page's first load). */
function loadTf(): Promise<TfPage> {
  tfPage ??= import('../../toy2d/tfPage');
  return tfPage;
}

interface Trained {
  key: string;
  net: ReluNet;
  accuracy: number;
  loss: number;
  epochs: number;
  /** 'webgl', 'wasm' or 'cpu' (TF.js), or 'typescript' for the fallback. */
  backend: string;
  seconds: number;
  /** Tensors TF.js still held after training minus before (0: nothing leaked); null without TF.js. */
  leaked: number | null;
  /** Why TF.js did not train, when the fallback did. */
  fallback?: string;
}

interface RayState {
  key: string;
  hits: RayHit[];
  done: boolean;
  distance: number;
  point: [number, number] | null;
  samples: number;
  ms: number;
}

interface AttackState {
  key: string;
  path: [number, number][];
  l2: number;
  baseBefore: number;
  baseAfter: number;
  before: number;
  after: number;
}

const pause = () => new Promise<void>((r) => setTimeout(r, 0));
const describeError = (e: unknown) => (e instanceof Error ? e.message : String(e));
const classText = (c: number) => (c === ABSTAIN ? 'ABSTAIN' : `class ${c}`);

/** P(class 1) of the base net's softmax at every cell centre of a grid over [-EXTENT, EXTENT]^2. */
function baseRegions(net: ReluNet, cells: number): RegionGrid {
  const values = new Float32Array(cells * cells);
  const step = (2 * EXTENT) / cells;
  const f = compileNet(net);
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++)
      values[r * cells + c] = f(-EXTENT + (c + 0.5) * step, EXTENT - (r + 0.5) * step);
  return { cells, values };
}

/** The plain-TypeScript trainer (./toy2d/train), used where TF.js cannot run. */
async function trainInTypeScript(
  data: { points: [number, number][]; labels: number[] },
  kind: ToyModelKind,
  seed: number,
  onProgress: (epochs: number) => void,
  cancelled: () => boolean,
) {
  const cfg = TOY_MODELS[kind];
  const t0 = performance.now();
  const trainer = createTrainer(initNet(cfg.sizes, seed), data, { lr: cfg.lr });
  let loss = NaN;
  while (trainer.epochs < cfg.epochs) {
    await pause();
    if (cancelled()) return null;
    loss = trainer.step(Math.min(TS_CHUNK, cfg.epochs - trainer.epochs));
    onProgress(trainer.epochs);
  }
  return {
    net: trainer.net,
    accuracy: trainer.accuracy(),
    loss,
    epochs: trainer.epochs,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * "Geometry and other methods" (the second view): a 2D toy dataset, a linear model and a small ReLU
 * network trained in the page with TF.js (WebGL where the page has it), and for a chosen point its noise
 * cloud, CERTIFY's votes and certified L2 circle, the exact certificate of the linear model, a ray search
 * for the nearest change of the smoothed prediction, IBP / CROWN / Lipschitz radii of the same net, and
 * a PGD attack's path inside its L2 ball. sigma, n, n0, alpha and the seed come from the store (and so
 * from the URL), as does the view's own state (dataset, classifier, point, attack; GEO_URL).
 */
/** `embedded`: the widget alone (embed mode), without the lesson text and checkpoints. */
export function GeometryView({ embedded = false }: { embedded?: boolean }) {
  const sigma = useAppStore((s) => s.params.sigma);
  const n = useAppStore((s) => s.params.n);
  const n0 = useAppStore((s) => s.params.n0);
  const alpha = useAppStore((s) => s.params.alpha);
  const seed = useAppStore((s) => s.params.seed);
  const geo = useAppStore((s) => s.geo);
  const setGeo = useAppStore((s) => s.setGeo);
  const notices = useAppStore((s) => s.notices);
  const dismissNotices = useAppStore((s) => s.dismissNotices);
  const query = useLabQuery();
  const dataset: DatasetName = geo.toy;
  const kind: ToyModelKind = geo.clf;
  const [px, py] = geo.pt ?? [NaN, NaN];
  const selected = useMemo<[number, number] | null>(() => (Number.isNaN(px) ? null : [px, py]), [px, py]);
  const [cursor, setCursor] = useState<[number, number]>(() => (geo.pt ? [geo.pt[0], geo.pt[1]] : [0, 0]));
  const [trained, setTrained] = useState<Record<string, Trained>>({});
  const [progress, setProgress] = useState({ key: '', epochs: 0, loss: NaN, backend: '' });
  const [cert, setCert] = useState<{ key: string; result: CertifyResult } | null>(null);
  const [smooth, setSmooth] = useState<{
    key: string;
    grid: RegionGrid;
    /** Levels finished, of `levels`. */
    level: number;
    levels: number;
    /** Where they were computed: a TF.js backend, or 'TypeScript'. */
    by: string;
  } | null>(null);
  const [rays, setRays] = useState<RayState | null>(null);
  const [attack, setAttack] = useState<AttackState | null>(null);
  const [attackError, setAttackError] = useState<{ key: string; message: string } | null>(null);

  const trainKey = `${dataset}:${seed}:${kind}`;
  const data = useMemo(() => makeDataset(dataset, POINTS, seed), [dataset, seed]);
  const ready = trained[trainKey] ?? null;
  const net = ready?.net ?? null;
  const totalEpochs = TOY_MODELS[kind].epochs;

  // Train the selected classifier on this dataset and seed (once: results are kept per key), with
  // TF.js on this page's backend in small awaited chunks; plain TypeScript if TF.js cannot run here.
  const haveTrained = trainKey in trained;
  useEffect(() => {
    if (haveTrained) return;
    let cancelled = false;
    const isCancelled = () => cancelled;
    const report = (epochs: number, loss: number, backend: string) =>
      setProgress({ key: trainKey, epochs, loss, backend });
    void (async () => {
      let result: Trained | null = null;
      let fallback: string | undefined;
      try {
        const tf = await loadTf();
        const backend = await tf.pageBackend();
        if (cancelled) return;
        report(0, NaN, backend);
        const r = await tf.trainToyNet(data, kind, seed, {
          chunk: TF_CHUNK,
          cancelled: isCancelled,
          onProgress: (p) => report(p.epochs, p.loss, backend),
        });
        if (!r) return;
        result = { key: trainKey, ...r, leaked: r.tensorsAfter - r.tensorsBefore };
      } catch (e) {
        fallback = describeError(e);
      }
      if (!result) {
        const r = await trainInTypeScript(
          data,
          kind,
          seed,
          (ep) => report(ep, NaN, 'typescript'),
          isCancelled,
        );
        if (!r) return;
        result = { key: trainKey, ...r, backend: 'typescript', leaked: null, fallback };
      }
      if (!cancelled) setTrained((t) => ({ ...t, [trainKey]: result }));
    })();
    return () => {
      cancelled = true;
    };
  }, [data, kind, seed, trainKey, haveTrained]);

  const regions = useMemo(() => (net ? baseRegions(net, BASE_CELLS) : null), [net]);

  // CERTIFY at the selected point; re-run when the point, the model or a parameter changes.
  const pointKey = selected ? selected.join(',') : '';
  const certKey = net && selected ? `${trainKey}:${pointKey}:${sigma}:${n}:${n0}:${alpha}` : '';
  useEffect(() => {
    if (!net || !selected) return;
    let cancelled = false;
    void (async () => {
      await pause();
      if (cancelled) return;
      const result = await certify(toySampler(net, selected, sigma, seed), { n0, n, alpha, sigma });
      if (!cancelled) setCert({ key: certKey, result });
    })();
    return () => {
      cancelled = true;
    };
  }, [net, selected, sigma, n, n0, alpha, seed, certKey]);
  const result = cert?.key === certKey ? cert.result : null;

  // Ray search for the nearest change of the smoothed prediction, one ray per yield.
  const rayKey = net && selected ? `${trainKey}:${pointKey}:${sigma}` : '';
  useEffect(() => {
    if (!net || !selected) return;
    let cancelled = false;
    const key = rayKey;
    void (async () => {
      await pause();
      if (cancelled) return;
      const t0 = performance.now();
      const hits: RayHit[] = [];
      const r = await raySearch(net, selected, sigma, seed, {}, async (_done, hit) => {
        hits.push(hit);
        if (hits.length % 4 === 0) {
          setRays({ key, hits: hits.slice(), done: false, distance: NaN, point: null, samples: 0, ms: 0 });
          await pause();
        }
        return !cancelled;
      });
      if (cancelled) return;
      setRays({
        key,
        hits: r.rays,
        done: true,
        distance: r.distance,
        point: r.point,
        samples: DEFAULT_RAY_OPTIONS.samples,
        ms: performance.now() - t0,
      });
    })();
    return () => {
      cancelled = true;
    };
  }, [net, selected, sigma, seed, rayKey]);
  const rayShown = rays?.key === rayKey ? rays : null;

  // PGD from the selected point (L2, against the base or the smoothed classifier), then PREDICT at
  // both ends. Runs one at a time; a run whose settings are no longer current is skipped.
  const attackKey =
    net && selected ? `${trainKey}:${pointKey}:${geo.eps}:${geo.atk}:${sigma}:${n}:${alpha}:${seed}` : '';
  const latestAttack = useRef('');
  const attackChain = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    latestAttack.current = attackKey;
    if (!net || !selected) return;
    const key = attackKey;
    const [eps, atk] = [geo.eps, geo.atk];
    attackChain.current = attackChain.current.then(async () => {
      await pause();
      if (latestAttack.current !== key) return;
      try {
        const tf = await loadTf();
        await tf.pageBackend();
        const o = { n, alpha };
        const before = await predict(toySampler(net, selected, sigma, seed), o);
        const label = before.prediction === ABSTAIN ? classOf(net, selected) : before.prediction;
        if (latestAttack.current !== key) return;
        const r = await tf.attackToy(net, selected, atk === 'base' ? classOf(net, selected) : label, {
          target: atk,
          eps,
          steps: ATTACK_STEPS,
          sigma,
          noiseSamples: ATTACK_NOISE,
          seed,
          box: [-EXTENT, EXTENT],
        });
        const after = await predict(toySampler(net, r.xAdv, sigma, seed), o);
        if (latestAttack.current !== key) return;
        setAttack({
          key,
          path: r.path,
          l2: r.l2,
          baseBefore: r.baseBefore,
          baseAfter: r.baseAfter,
          before: before.prediction,
          after: after.prediction,
        });
      } catch (e) {
        if (latestAttack.current === key) setAttackError({ key, message: describeError(e) });
      }
    });
  }, [net, selected, geo.eps, geo.atk, sigma, n, alpha, seed, attackKey]);
  const attackShown = attack?.key === attackKey ? attack : null;
  const attackFailed = attackError?.key === attackKey ? attackError.message : null;

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
  const smoothKey = net ? `${trainKey}:${sigma}` : '';
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
    const current = () => smoothKeyRef.current === key && smoothRun.current === run;
    const show = async (values: Float32Array, cells: number, level: number, levels: number, by: string) => {
      if (!current()) return false;
      setSmooth({ key, grid: { cells, values: values.slice() }, level: level + 1, levels, by });
      await pause();
      return current();
    };
    const opts = { samples: SMOOTH_SAMPLES, lo: -EXTENT, hi: EXTENT };
    try {
      const tf = await loadTf();
      const backend = await tf.pageBackend();
      await tf.smoothedRegionsTf(
        net,
        sigma,
        seed,
        { ...opts, levels: SMOOTH_LEVELS },
        (grid, cells, level) => show(grid, cells, level, SMOOTH_LEVELS.length, backend),
        () => !current(),
      );
    } catch {
      // No TF.js on this page: the plain-TypeScript Monte Carlo, coarse levels only.
      for (let level = 0; level < SMOOTH_LEVELS_TS.length; level++) {
        const cells = SMOOTH_LEVELS_TS[level]!;
        const grid = await smoothedRegions(net, sigma, seed, { ...opts, cells }, async () => {
          await pause();
          return current();
        });
        if (!grid || !(await show(grid, cells, level, SMOOTH_LEVELS_TS.length, 'TypeScript'))) return;
      }
    }
  };
  const [showSmoothed, setShowSmoothed] = useState(false);
  const shownRegions = showSmoothed && smoothShown ? smoothShown.grid : regions;

  const abstained = result?.prediction === ABSTAIN;
  const radius = result && !abstained ? result.radius : null;
  const epochsDone = ready ? ready.epochs : progress.key === trainKey ? progress.epochs : 0;
  const pct = Math.round((100 * epochsDone) / totalEpochs);
  const trainBackend = ready?.backend ?? (progress.key === trainKey ? progress.backend : '');
  const setPoint = (p: [number, number]) => setGeo({ pt: p });

  const rayHitPoints = useMemo(
    () => (rayShown ? rayShown.hits.flatMap((h) => (h.point ? [h.point] : [])) : []),
    [rayShown],
  );

  return (
    <div className="geo">
      {/* In embed mode the frame lists the link's corrections once, above the widget. */}
      {!embedded && <UrlNotices notices={notices} onDismiss={dismissNotices} />}
      <div className="geo-grid">
        <section className="geo-controls" aria-labelledby="geo-setup">
          <h3 id="geo-setup">Set-up</h3>
          <label className="geo-field">
            Dataset
            <select
              data-testid="geo-dataset"
              value={dataset}
              onChange={(e) => setGeo({ toy: e.currentTarget.value as GeoParams['toy'] })}
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
            {KINDS.map((k) => {
              const t = trained[`${dataset}:${seed}:${k}`];
              return (
                <label key={k} className="geo-radio">
                  <input
                    type="radio"
                    name="geo-model"
                    value={k}
                    data-testid={`geo-model-${k}`}
                    checked={kind === k}
                    onChange={() => setGeo({ clf: k })}
                  />
                  {TOY_MODELS[k].label}
                  {t && <span className="hint"> (train accuracy {(100 * t.accuracy).toFixed(1)}%)</span>}
                </label>
              );
            })}
          </fieldset>
          <div className="geo-train">
            <span data-testid="geo-status" role="status" data-backend={trainBackend}>
              {ready ? 'trained' : 'training'}
            </span>
            <progress
              max={totalEpochs}
              value={epochsDone}
              aria-label="Training progress"
              aria-valuetext={`${epochsDone} of ${totalEpochs} epochs`}
              data-testid="geo-train-progress"
            >
              {pct}%
            </progress>
          </div>
          <p
            className="hint"
            data-testid="geo-train-info"
            data-backend={trainBackend}
            data-leaked={ready?.leaked ?? ''}
          >
            {ready ? (
              <>
                Trained{' '}
                {ready.backend === 'typescript' ? 'in plain TypeScript' : `with TF.js on ${ready.backend}`} in{' '}
                {ready.seconds.toFixed(1)} s: {ready.epochs} epochs of full-batch Adam, final loss{' '}
                {ready.loss.toFixed(3)}
                {ready.leaked !== null && `, ${ready.leaked} tensors left behind`}.
                {ready.fallback && ` TF.js could not train here (${ready.fallback}).`}
              </>
            ) : (
              <>
                {trainBackend ? `Training on ${trainBackend}` : 'Loading TF.js'}: epoch {epochsDone} of{' '}
                {totalEpochs}
                {progress.key === trainKey && Number.isFinite(progress.loss)
                  ? `, loss ${progress.loss.toFixed(3)}`
                  : ''}
                .
              </>
            )}
          </p>
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
            <p className="hint" data-testid="geo-smooth-progress" data-level={smoothShown.level}>
              Smoothed regions: level {smoothShown.level} of {smoothShown.levels} ({smoothShown.grid.cells}×
              {smoothShown.grid.cells} cells, {SMOOTH_SAMPLES} noisy samples each, on {smoothShown.by}
              {smoothShown.level < smoothShown.levels ? '; a finer one is on its way' : ''}). A Monte Carlo
              estimate, not certified.
            </p>
          )}
          <div className="geo-attack-panel">
            <h3>Attack the point</h3>
            <label className="geo-range">
              <span>
                Attack budget ε (L2): <output data-testid="geo-eps">{geo.eps.toFixed(2)}</output>
              </span>
              <input
                type="range"
                data-testid="geo-eps-slider"
                min={EPS.min}
                max={EPS.max}
                step={0.01}
                value={geo.eps}
                aria-valuetext={geo.eps.toFixed(2)}
                onChange={(e) => setGeo({ eps: Math.round(Number(e.currentTarget.value) * 100) / 100 })}
              />
            </label>
            <fieldset className="geo-field">
              <legend>PGD against</legend>
              <label className="geo-radio">
                <input
                  type="radio"
                  name="geo-attack"
                  data-testid="geo-attack-smoothed"
                  checked={geo.atk === 'smoothed'}
                  onChange={() => setGeo({ atk: 'smoothed' })}
                />
                the smoothed classifier (SmoothAdv)
              </label>
              <label className="geo-radio">
                <input
                  type="radio"
                  name="geo-attack"
                  data-testid="geo-attack-base"
                  checked={geo.atk === 'base'}
                  onChange={() => setGeo({ atk: 'base' })}
                />
                the base network (PGD)
              </label>
            </fieldset>
          </div>
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
            rayHits={rayHitPoints}
            rayNearest={
              rayShown?.done && rayShown.point ? { point: rayShown.point, distance: rayShown.distance } : null
            }
            attackPath={attackShown?.path ?? []}
            eps={selected ? geo.eps : null}
            label="Decision regions and data. Arrow keys move the cursor, Shift for larger steps; Enter certifies the point under it."
            onCursor={setCursor}
            onSelect={setPoint}
          />
          <figcaption className="hint">
            Cursor at ({cursor[0].toFixed(2)}, {cursor[1].toFixed(2)}). Regions:{' '}
            <span data-testid="geo-regions">
              {shownRegions === regions
                ? 'the base classifier'
                : 'the smoothed classifier (Monte Carlo, P(class 1) as the blend)'}
            </span>
            . Points and regions: <span style={{ color: CLASS_INK[0] }}>class 0</span>,{' '}
            <span style={{ color: CLASS_INK[1] }}>class 1</span>. Solid circle: certified radius R; dashed:
            exact distance to the linear boundary; dash-dot circle and green dots: where the ray search found
            the smoothed prediction changing (the cross marks the nearest); dotted square: IBP box; red disc
            and arrows: the attack&apos;s L2 ball and its path.
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
              <dt>Nearest change of the smoothed prediction (ray search)</dt>
              <dd data-testid="geo-ray-distance" data-done={rayShown?.done ? 'true' : 'false'}>
                {!rayShown?.done
                  ? `searching… ${rayShown?.hits.length ?? 0} of ${DEFAULT_RAY_OPTIONS.directions} rays`
                  : Number.isFinite(rayShown.distance)
                    ? rayShown.distance.toFixed(4)
                    : `none within ${DEFAULT_RAY_OPTIONS.maxDistance}`}
              </dd>
            </dl>
          )}
          {exact && (
            <p className="hint">
              For a linear model the smoothed classifier has the same boundary and its exact certified radius
              is d. CERTIFY only sees n samples, so R ≤ d except with probability α = {alpha}.
            </p>
          )}
          {selected && rayShown?.done && (
            <p className="hint" data-testid="geo-ray-note">
              The ray search walked {DEFAULT_RAY_OPTIONS.directions} rays out from x (to distance{' '}
              {DEFAULT_RAY_OPTIONS.maxDistance}) and bisected where the smoothed prediction changed, estimated
              from the same {rayShown.samples.toLocaleString('en')} noise draws at every point (
              {(rayShown.ms / 1000).toFixed(1)} s). It is an estimate, not a certificate: a change between two
              rays can be missed, and the estimate is off by about σ/√{rayShown.samples.toLocaleString('en')}{' '}
              near the boundary. Where CERTIFY is right (probability 1 − α), R stays below the true distance
              {radius !== null && Number.isFinite(rayShown.distance)
                ? `: here R = ${radius.toFixed(3)}, the search found ${rayShown.distance.toFixed(3)}.`
                : '.'}
            </p>
          )}
          {selected && (
            <div
              data-testid="geo-attack-result"
              data-changed={attackShown ? String(attackShown.after !== attackShown.before) : ''}
            >
              <h3>Attack</h3>
              {attackFailed ? (
                <p className="hint">The attack could not run here: {attackFailed}</p>
              ) : !attackShown ? (
                <p className="hint">Running PGD ({ATTACK_STEPS} steps)…</p>
              ) : (
                <>
                  <dl className="numbers">
                    <dt>Perturbation ‖δ‖₂ (budget ε = {geo.eps.toFixed(2)})</dt>
                    <dd data-testid="geo-attack-l2">{attackShown.l2.toFixed(4)}</dd>
                    <dt>Base network</dt>
                    <dd>
                      class {attackShown.baseBefore} → class {attackShown.baseAfter}
                    </dd>
                    <dt>Smoothed prediction (PREDICT, n = {n})</dt>
                    <dd data-testid="geo-attack-prediction">
                      {classText(attackShown.before)} → {classText(attackShown.after)}
                    </dd>
                  </dl>
                  <p className="hint" data-testid="geo-attack-verdict">
                    {attackShown.after === attackShown.before
                      ? 'The smoothed prediction did not change.'
                      : attackShown.after === ABSTAIN
                        ? 'PREDICT abstains at the attacked point: the votes are too close to call.'
                        : 'The smoothed prediction changed.'}{' '}
                    {radius === null
                      ? 'No certificate here (CERTIFY abstained or is still sampling), so nothing was promised.'
                      : geo.eps < radius
                        ? `ε < R = ${radius.toFixed(3)}: the certificate promises that no point of this ball gets another class, unless it is among the α = ${alpha} of certificates that fail. PREDICT may still abstain near the edge of the ball.`
                        : `ε ≥ R = ${radius.toFixed(3)}: the ball reaches beyond the certificate, so a change is allowed.`}
                  </p>
                </>
              )}
            </div>
          )}
        </section>
      </div>
      {radii && (
        <GeoMethodsTable
          radii={{ ...radii, smoothing: !result ? null : abstained ? 'abstain' : result.radius }}
          alpha={alpha}
        />
      )}
      {!embedded && <SectionCheckpoints section="geometry" />}
      {!embedded && <OtherMethodsText query={query} />}
    </div>
  );
}
