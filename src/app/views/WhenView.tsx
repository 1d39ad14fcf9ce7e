import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { sectionSummary } from '../../lesson/progress';
import { MODEL_CARDS } from '../../models/cards';
import { modelId, shippedRunKey } from '../../models/ids';
import { certifiedAccuracy } from '../../smoothing';
import { accuracyCostText } from '../whenCosts';
import { useAppStore } from '../../store';
import { routeHref } from '../../store/urlRegistry';
import { checkpointIdsBySection } from '../../lesson/checkpoints';
import { ROUTES } from '../routes';
import { useShippedRuns } from '../../models/shipped';
import { useLabQuery } from '../urlSync';
import { SectionHeading } from '../../components/SectionHeading';

/** The lesson's last two sections, "When to use certified defenses" and "Summary", with progress. */
export function WhenView() {
  const q = useLabQuery();
  const outcome = useAppStore((s) => s.outcome);
  const n = useAppStore((s) => s.params.n);
  const n0 = useAppStore((s) => s.params.n0);
  const progress = useAppStore((s) => s.progress);
  const resetProgress = useAppStore((s) => s.resetProgress);
  const shipped = useShippedRuns()[shippedRunKey(modelId('cnn', 0.25), 0.25)];
  const acc = shipped ? certifiedAccuracy(shipped, [0, 0.5]) : null;
  const clean = MODEL_CARDS.find((c) => c.id === 'cnn-0.00');
  const speed = outcome?.timing.samplesPerSecond;
  const summary = sectionSummary(progress, {
    ...Object.fromEntries(ROUTES.map((r) => [r.id, [] as string[]])),
    ...checkpointIdsBySection(),
  });

  return (
    <div className="prose when">
      <p>Certification is worth its price when three things hold at once.</p>
      <ol>
        <li>
          <strong>Someone needs a proof.</strong> A safety case, an auditor or a regulator asks what the model
          does under any perturbation of a given size, not under the attacks you happened to try.
        </li>
        <li>
          <strong>The threat fits the norm.</strong> Smoothing with Gaussian noise certifies an L2 ball.
          Changes that are large in L2 but small to a person, such as a slight rotation, a shift or new
          lighting, are not covered (the checkpoint below measures one).
        </li>
        <li>
          <strong>You can pay for it.</strong>{' '}
          <span data-testid="when-costs">
            {clean && acc && shipped
              ? `${accuracyCostText({
                  clean: { share: clean.cleanAccuracy, digits: clean.data.test },
                  sigma: 0.25,
                  certified: { atZero: acc[0]!, atRadius: acc[1]!, radius: 0.5, digits: shipped.length },
                })} `
              : ''}
            {speed
              ? `Time: each certified answer takes n0 + n = ${(n0 + n).toLocaleString('en')} forward passes, ${((n0 + n) / speed).toFixed(2)} s at the speed measured here.`
              : `Time: each certified answer takes n0 + n = ${(n0 + n).toLocaleString('en')} forward passes instead of one.`}
          </span>
        </li>
      </ol>
      <p>
        When one of them fails, use empirical defenses (adversarial training) and test them with strong,
        adaptive attacks; where a certificate is affordable, combine both: the certificate bounds what the
        attacker can do inside the ball, the empirical defense covers the rest.
      </p>
      <SectionCheckpoints section="when" />

      <SectionHeading id="summary">Summary</SectionHeading>
      <ul>
        <li>
          A certificate ends the attack-and-patch race inside its radius: no perturbation of that size, in
          that norm, changes the answer (<a href={routeHref('why', q)}>why certify</a>).
        </li>
        <li>
          Randomized smoothing certifies any classifier: vote over Gaussian copies, bound the top class's
          probability with Clopper-Pearson at an n fixed before the run (or with the anytime-valid bound,
          wherever the run stops), and turn the bound into R = σ · Φ⁻¹(p_lower), correct with probability at
          least 1 − α (<a href={routeHref('lab', q)}>smoothing lab</a>).
        </li>
        <li>
          The radius it certifies belongs to the smoothed classifier; for a linear model it is exactly the
          distance to the boundary. IBP, CROWN and Lipschitz bounds certify the base network instead, and get
          loose or slow as networks grow (<a href={routeHref('geometry', q)}>geometry</a>).
        </li>
        <li>
          σ trades accuracy for radius, and n caps the radius at R_max (
          <a href={routeHref('tradeoff', q)}>trade-off</a>).
        </li>
        <li>
          The price: lower accuracy, many forward passes per answer, one norm only (
          <a href={routeHref('limits', q)}>limits</a>), and an honest bound, not a plug-in estimate (
          <a href={routeHref('check', q)}>the lesson’s code</a>).
        </li>
      </ul>

      <section aria-labelledby="progress-title" className="progress" data-testid="progress">
        <SectionHeading id="progress-title">Your progress</SectionHeading>
        <p className="hint">Kept in this browser only (localStorage); nothing is sent anywhere.</p>
        <table className="acc-table">
          <thead>
            <tr>
              <th scope="col">section</th>
              <th scope="col">visited</th>
              <th scope="col">checkpoints revealed</th>
              <th scope="col">predicted right</th>
            </tr>
          </thead>
          <tbody>
            {ROUTES.map((r) => {
              const s = summary[r.id]!;
              return (
                <tr key={r.id} data-testid={`progress-${r.id}`} data-revealed={s.revealed}>
                  <th scope="row">
                    <a href={routeHref(r.id, q)}>{r.title}</a>
                  </th>
                  <td>{s.visited ? 'yes' : 'not yet'}</td>
                  <td>
                    {s.revealed} of {s.total}
                  </td>
                  <td>{s.revealed ? `${s.right} of ${s.revealed}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={resetProgress} data-testid="progress-reset">
          Forget my progress
        </button>
      </section>
    </div>
  );
}
