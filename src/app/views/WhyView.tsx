import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { routeHref } from '../../store/urlRegistry';
/** The lesson's opening: what a certificate is, and what it is not. */
export function WhyView() {
  return (
    <div className="prose">
      <p>
        An empirical defense is judged by the attacks it survives today. Many such defenses, from defensive
        distillation to input purification and adversarial-example detectors, fell to a stronger attack
        published a few months later. A <em>certified</em> defense instead comes with a proof: for a given
        input it names a radius, in a given norm, inside which no perturbation whatsoever can change the
        answer.
      </p>
      <ul>
        <li>
          <strong>A proof, not a test.</strong> The guarantee does not depend on which attacks anyone has
          thought of.
        </li>
        <li>
          <strong>A number you can compare.</strong> The certified radius measures robustness on a scale,
          input by input.
        </li>
        <li>
          <strong>Evidence an auditor can check.</strong> Safety reviews and regulators can rely on a proof in
          a way they cannot rely on a list of attacks that failed.
        </li>
      </ul>
      <p className="callout">
        A certificate is narrow on purpose. It covers one norm and one radius around one input. Step outside
        the ball, or change the norm, and it says nothing at all.
      </p>
      <p>
        This lab builds the most scalable certified defense, <strong>randomized smoothing</strong>, in your
        browser: start with the <a href={routeHref('lab')}>smoothing lab</a>.
      </p>
      <SectionCheckpoints section="why" />
    </div>
  );
}
