import samplesSaved from '../../models/certify/samples-saved.json';
import { SectionHeading } from './SectionHeading';

const int = (x: number) => x.toLocaleString('en');
/** A mean or median of votes, to the whole vote. */
const votes = (x: number) => int(Math.round(x));
/** A 95% interval on a share, in whole percent. */
const interval = ([lo, hi]: number[]) => `95% interval ${Math.round(100 * lo!)}–${Math.round(100 * hi!)}%`;

/**
 * Samples saved by the anytime-valid stop, as measured by `npm run samples-saved` on the shipped
 * test digits (a committed JSON file): the median votes the stop needed to certify at the target
 * radius against fixed-n CERTIFY at n = 10,000 and 100,000, and how many digits each certified,
 * with a 95% Clopper-Pearson interval on that share. A fixed n measured on fewer digits (the first
 * ones, where the run could not afford them all) says so, with the stop's count on those digits.
 * With the futility stop measured too, a row gives its mean and median votes per digit (a digit
 * that decided neither way counts as the full n) and how many digits it ended as out of reach.
 */
export function SamplesSaved() {
  const d = samplesSaved;
  const a = d.summary.anytime;
  // The futility stop (`futile=1`): measured on the same streams, where the JSON has it.
  const futility = 'futility' in d.summary ? d.summary.futility : undefined;
  return (
    <section aria-labelledby="samples-saved-title" className="samples-saved" data-testid="samples-saved">
      <SectionHeading id="samples-saved-title">Stop when certified: samples saved</SectionHeading>
      <p>
        Measured with {d.model} at σ = {d.sigma}, α = {d.alpha}, n0 = {d.n0}, on the first {d.digits} test
        digits: the anytime-valid bound, read {d.schedule}, stops as soon as its radius reaches r = {d.radius}
        ; fixed-n CERTIFY reads one Clopper-Pearson bound after all n votes of the same stream.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Samples saved table">
        <table className="data-table">
          <caption>Estimation votes per digit, and digits certified at r = {d.radius}</caption>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Votes per digit</th>
              <th scope="col">Certified at r (correct)</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Anytime-valid stop</th>
              <td data-testid="samples-saved-median">
                median {int(a.medianSamples)}
                {a.certified < d.digits
                  ? ` (${int(a.medianSamplesCertified)} over the digits it certified)`
                  : ''}
              </td>
              <td>
                {a.certified} of {d.digits} ({a.certifiedCorrect}); {interval(a.certifiedShare95)}
              </td>
            </tr>
            {futility && (
              <tr data-testid="samples-saved-futility">
                <th scope="row">Anytime-valid stop, also when r is out of reach</th>
                <td>
                  mean {votes(futility.all.meanVotes)}, median {votes(futility.all.medianVotes)} (mean{' '}
                  {votes(futility.withoutFutility.meanVotes)} without it)
                </td>
                <td>
                  {futility.certified.digits} of {futility.digits}; {futility.unreachable.digits} stopped as
                  out of reach after a median of {votes(futility.unreachable.medianVotes)} votes
                  {futility.laterCertified > 0
                    ? `, ${futility.laterCertified} of which the plain stop later certified`
                    : ''}
                  {futility.neither > 0
                    ? `; ${futility.neither} decided neither way by ${int(futility.fullN)}`
                    : ''}
                </td>
              </tr>
            )}
            {d.summary.fixed.map((f) => (
              <tr key={f.n}>
                <th scope="row">Fixed-n CERTIFY, n = {int(f.n)}</th>
                <td>{int(f.n)}</td>
                <td>
                  {f.certified} of {f.digits} ({f.certifiedCorrect}); {interval(f.certifiedShare95)}
                  {f.digits < d.digits
                    ? ` (only the first ${f.digits} digits; the stop certified ${f.anytimeSame.certified} of them)`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        The stop needs far fewer votes when the model is confident; a digit whose votes are split needs more,
        or never reaches r. Its radius is at least r when it stops, valid because the bound holds at every n.
        The futility stop ends a stream once the anytime-valid upper bound rules r out: a &ldquo;no&rdquo; for
        this r, not a radius.
      </p>
    </section>
  );
}
