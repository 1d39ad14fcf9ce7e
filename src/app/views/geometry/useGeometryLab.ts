import { useMemo, useState } from 'react';
import { crownCertifiedRadius, ibpCertifiedRadius, lipschitzCertifiedRadius } from '../../../bounds';
import type { GeoRadii } from '../../../components/geometry/GeoMethodsTable';
import type { RayState, SmoothedState, TrainedToy, TrainProgress } from '../../../components/geometry/types';
import { ABSTAIN } from '../../../smoothing';
import { useAppStore } from '../../../store';
import { makeDataset } from '../../../toy2d/datasets';
import { classOf, linearCertificate, noisyPoint, TOY_STREAM_IDS } from '../../../toy2d/smooth';
import { TOY_MODELS } from '../../../toy2d/train';
import { useKeyedTask } from '../../hooks/useKeyedTask';
import {
  attackPoint,
  baseRegions,
  certifyPoint,
  searchRays,
  smoothRegions,
  trainToy,
  type SmoothingParams,
} from './pipelines';

/** Points in the dataset (half per class). */
const POINTS = 400;
/** Cells per side of the base decision-region heatmap. */
const BASE_CELLS = 120;
/** Noisy copies drawn around the selected point (the first of the n estimation samples). */
const CLOUD = 200;

/**
 * The geometry view's state: the store's parameters (sigma, n, n0, alpha, seed and the view's own
 * dataset, classifier, point and attack) and the five async pipelines on them, each on
 * `useKeyedTask` with a key naming everything it depends on, so a result shown is always the one for
 * the current settings. Trained networks are kept per dataset, seed and classifier.
 */
export function useGeometryLab() {
  const sigma = useAppStore((s) => s.params.sigma);
  const n = useAppStore((s) => s.params.n);
  const n0 = useAppStore((s) => s.params.n0);
  const alpha = useAppStore((s) => s.params.alpha);
  const seed = useAppStore((s) => s.params.seed);
  const geo = useAppStore((s) => s.geo);
  const p: SmoothingParams = { sigma, n, n0, alpha, seed };
  const { toy: dataset, clf: kind } = geo;
  const [px, py] = geo.pt ?? [NaN, NaN];
  const selected = useMemo<[number, number] | null>(() => (Number.isNaN(px) ? null : [px, py]), [px, py]);
  const [trained, setTrained] = useState<Record<string, TrainedToy>>({});

  // Training: once per dataset, seed and classifier (results are kept per key).
  const trainKey = `${dataset}:${seed}:${kind}`;
  const data = useMemo(() => makeDataset(dataset, POINTS, seed), [dataset, seed]);
  const ready = trained[trainKey] ?? null;
  const net = ready?.net ?? null;
  const training = useKeyedTask<TrainedToy | null, TrainProgress>(
    ready ? null : trainKey,
    async (signal, report) => {
      const t = await trainToy(data, kind, seed, signal, report);
      if (t && !signal.aborted) setTrained((all) => ({ ...all, [trainKey]: t }));
      return t;
    },
  );
  const regions = useMemo(() => (net ? baseRegions(net, BASE_CELLS) : null), [net]);

  // CERTIFY at the selected point; re-run when the point, the model or a parameter changes.
  const pointKey = selected ? selected.join(',') : '';
  const at = net && selected ? { net, selected } : null;
  const cert = useKeyedTask(at && `${trainKey}:${pointKey}:${sigma}:${n}:${n0}:${alpha}`, (signal) =>
    certifyPoint(at!.net, at!.selected, p, signal),
  );
  // The nearest change of the smoothed prediction, by ray search.
  const rays = useKeyedTask<RayState | null, RayState>(
    at && `${trainKey}:${pointKey}:${sigma}`,
    (signal, report) => searchRays(at!.net, at!.selected, sigma, seed, signal, report),
  );
  // PGD from the point, then PREDICT at both ends; one attack at a time on this page's TF.js.
  const attack = useKeyedTask(
    at && `${trainKey}:${pointKey}:${geo.eps}:${geo.atk}:${sigma}:${n}:${alpha}:${seed}`,
    (signal) => attackPoint(at!.net, at!.selected, geo.eps, geo.atk, p, signal),
    { serial: true },
  );

  // Smoothed decision regions: computed on request (a newer click starts again), dropped when the
  // model or sigma changes.
  const smoothKey = net ? `${trainKey}:${sigma}` : '';
  const [request, setRequest] = useState<{ key: string; click: number } | null>(null);
  if (request && request.key !== smoothKey) setRequest(null);
  const smooth = useKeyedTask<null, SmoothedState>(
    net && request?.key === smoothKey ? `${smoothKey}#${request.click}` : null,
    async (signal, report) => {
      await smoothRegions(net!, sigma, seed, signal, report);
      return null;
    },
  );
  const computeSmoothed = () => setRequest((r) => ({ key: smoothKey, click: (r?.click ?? 0) + 1 }));

  const cloud = useMemo(() => {
    if (!net || !selected) return [];
    return Array.from({ length: Math.min(CLOUD, n) }, (_, i) => {
      const q = noisyPoint(selected, sigma, seed, TOY_STREAM_IDS.estimation, i);
      return { p: q, c: classOf(net, q) };
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

  const result = cert.value ?? null;
  const abstained = result?.prediction === ABSTAIN;
  const epochs = ready ? ready.epochs : (training.progress?.epochs ?? 0);
  return {
    params: p,
    geo,
    data,
    selected,
    /** Trained networks of this dataset and seed, by classifier. */
    trainedKinds: Object.fromEntries(
      Object.keys(TOY_MODELS).flatMap((k) => {
        const t = trained[`${dataset}:${seed}:${k}`];
        return t ? [[k, t]] : [];
      }),
    ) as Partial<Record<string, TrainedToy>>,
    training: {
      ready,
      epochs,
      total: TOY_MODELS[kind].epochs,
      backend: ready?.backend ?? training.progress?.backend ?? '',
      loss: training.progress?.loss ?? NaN,
      error: training.error,
    },
    net,
    regions,
    result,
    abstained,
    radius: result && !abstained ? result.radius : null,
    rays: rays.value ?? rays.progress,
    attack: attack.value ?? null,
    attackFailed: attack.error,
    /** Why CERTIFY or the ray search failed at this point, if one did (neither is expected to). */
    pointError: cert.error ?? rays.error,
    smoothed: smooth.progress,
    computeSmoothed,
    cloud,
    exact,
    radii,
  };
}

export type GeometryLab = ReturnType<typeof useGeometryLab>;
