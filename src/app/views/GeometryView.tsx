import { useMemo, useState } from 'react';
import { GeoAttackControls } from '../../components/geometry/GeoAttackControls';
import { GeoAttackResult } from '../../components/geometry/GeoAttackResult';
import { GeoCertificate } from '../../components/geometry/GeoCertificate';
import { GeoFigure } from '../../components/geometry/GeoFigure';
import { GeoMethodsTable } from '../../components/geometry/GeoMethodsTable';
import { GeoModelChoice } from '../../components/geometry/GeoModelChoice';
import { GeoSmoothedControls } from '../../components/geometry/GeoSmoothedControls';
import { GeoTrainStatus } from '../../components/geometry/GeoTrainStatus';
import { OtherMethodsText } from '../../components/geometry/OtherMethodsText';
import { ParamSlider } from '../../components/ParamSlider';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { UrlNotices } from '../../components/UrlNotices';
import { certifyResultClaim } from '../../smoothing';
import { useAppStore } from '../../store';
import { useLabQuery } from '../urlSync';
import { ATTACK_STEPS, SMOOTH_SAMPLES } from './geometry/pipelines';
import { useGeometryLab } from './geometry/useGeometryLab';
import { SectionHeading } from '../../components/SectionHeading';
import './geometry/geometry.css';

/**
 * "Geometry and other methods" (the second view): a 2D toy dataset, a linear model and a small ReLU
 * network trained in the page with TF.js (WebGL where the page has it), and for a chosen point its noise
 * cloud, CERTIFY's votes and certified L2 circle, the exact certificate of the linear model, a ray search
 * for the nearest change of the smoothed prediction, IBP / CROWN / Lipschitz radii of the same net, and
 * a PGD attack's path inside its L2 ball. sigma, n, n0, alpha and the seed come from the store (and so
 * from the URL), as does the view's own state (dataset, classifier, point, attack; GEO_URL).
 * The state and the async work are in ./geometry/useGeometryLab; the markup in components/geometry.
 */
/** `embedded`: the widget alone (embed mode), without the lesson text and checkpoints. */
export function GeometryView({ embedded = false }: { embedded?: boolean }) {
  const setGeo = useAppStore((s) => s.setGeo);
  const notices = useAppStore((s) => s.notices);
  const dismissNotices = useAppStore((s) => s.dismissNotices);
  const query = useLabQuery();
  const lab = useGeometryLab();
  const { geo, selected, params, result, radius, rays, radii } = lab;
  const [showSmoothed, setShowSmoothed] = useState(false);
  const smoothedShown = showSmoothed && lab.smoothed !== null;
  const accuracy = Object.fromEntries(Object.entries(lab.trainedKinds).map(([k, t]) => [k, t!.accuracy]));
  const rayHitPoints = useMemo(
    () => (rays ? rays.hits.flatMap((h) => (h.point ? [h.point] : [])) : []),
    [rays],
  );

  return (
    <div className="geo">
      {/* In embed mode the frame lists the link's corrections once, above the widget. */}
      {!embedded && <UrlNotices notices={notices} onDismiss={dismissNotices} />}
      <div className="geo-grid">
        <section className="geo-controls" aria-labelledby="geo-setup">
          <SectionHeading id="geo-setup">Set-up</SectionHeading>
          <GeoModelChoice dataset={geo.toy} kind={geo.clf} accuracy={accuracy} onChange={setGeo} />
          <GeoTrainStatus {...lab.training} />
          <ParamSlider paramKey="sigma" />
          <ParamSlider paramKey="n" />
          <ParamSlider paramKey="alpha" />
          <p className="hint">
            n0 = {params.n0} selection samples, noise seed {params.seed} (both from the URL). The data and the
            initial weights use the same seed.
          </p>
          <GeoSmoothedControls
            canCompute={lab.net !== null}
            smoothed={lab.smoothed}
            samples={SMOOTH_SAMPLES}
            shown={showSmoothed}
            onCompute={() => {
              setShowSmoothed(true);
              lab.computeSmoothed();
            }}
            onShow={setShowSmoothed}
          />
          <GeoAttackControls eps={geo.eps} atk={geo.atk} onChange={setGeo} />
        </section>

        <GeoFigure
          start={geo.pt ? [geo.pt[0], geo.pt[1]] : [0, 0]}
          smoothed={smoothedShown}
          points={lab.data.points}
          labels={lab.data.labels}
          regions={smoothedShown ? lab.smoothed!.grid : lab.regions}
          selected={selected}
          cloud={lab.cloud}
          radius={radius}
          distance={lab.exact?.distance ?? null}
          box={radii?.ibp ?? null}
          rayHits={rayHitPoints}
          rayNearest={rays?.done && rays.point ? { point: rays.point, distance: rays.distance } : null}
          attackPath={lab.attack?.path ?? []}
          eps={selected ? geo.eps : null}
          onSelect={(p) => setGeo({ pt: p })}
        />

        <section className="geo-result" aria-labelledby="geo-cert" aria-live="polite">
          <SectionHeading id="geo-cert">Certificate</SectionHeading>
          {!selected ? (
            <p className="hint">Click the plot, or focus it and press Enter, to certify a point.</p>
          ) : (
            <>
              <GeoCertificate
                x={selected}
                result={result}
                exact={lab.exact}
                rays={rays}
                error={lab.pointError}
                n0={params.n0}
                n={params.n}
                alpha={params.alpha}
              />
              <GeoAttackResult
                attack={lab.attack}
                failed={lab.attackFailed}
                steps={ATTACK_STEPS}
                eps={geo.eps}
                n={params.n}
                alpha={params.alpha}
                radius={radius}
              />
            </>
          )}
        </section>
      </div>
      {radii && (
        <GeoMethodsTable
          radii={{ ...radii, smoothing: !result ? null : lab.abstained ? 'abstain' : result.radius }}
          claim={result ? certifyResultClaim(result, params) : null}
        />
      )}
      {!embedded && <SectionCheckpoints section="geometry" />}
      {!embedded && <OtherMethodsText query={query} />}
    </div>
  );
}
