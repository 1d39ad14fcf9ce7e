/**
 * The lesson's section "Other certified defense methods", in the lab's own words, next to the geometry
 * view that computes three of them: what each method computes, which classifier it certifies, and where
 * it stops scaling. Ends with a link to "Limits and attacks" (the lesson's "Practical limitations").
 */
import { SectionHeading } from '../SectionHeading';
import { routeHref } from '../../store/urlRegistry';

export function OtherMethodsText({ query }: { query: string }) {
  return (
    <section className="prose lesson geo-lesson" aria-labelledby="geo-lesson-title" data-testid="geo-lesson">
      <SectionHeading id="geo-lesson-title">Other certified methods</SectionHeading>
      <p>
        Randomized smoothing does not certify the network you trained. It builds a new classifier, the
        majority vote of that network under Gaussian noise, and certifies the new one, with probability 1 − α
        over the samples. The methods below go the other way: they bound what the trained network itself can
        output on a whole set of inputs, and when the bound leaves the predicted class on top, the network is
        certified on that set with no probability attached. The table above puts the numbers of the selected
        point side by side.
      </p>
      <dl className="geo-lesson-list">
        <dt>Interval bound propagation (IBP; Gowal et al. 2018)</dt>
        <dd>
          Takes the box of inputs (an L∞ ball: every coordinate may move by ε) and pushes a lower and an upper
          bound for every neuron through the layers, one interval per neuron. If the worst case of the
          predicted logit still beats the best case of every other logit, no point of the box changes the base
          network&apos;s answer. It costs about two forward passes, so it runs on any network, but every layer
          forgets how its neurons move together and the boxes widen with depth: on a network trained the usual
          way the certified ε shrinks toward zero. Networks trained with IBP in the loss are the exception.
          The dotted square in the plot is IBP&apos;s largest certified box.
        </dd>
        <dt>CROWN and linear relaxations (Zhang et al. 2018)</dt>
        <dd>
          Replaces every ReLU whose input can be either sign by a pair of lines, one below and one above it,
          and carries a linear bound on the logit margin backwards through the network to the input. The
          minimum of a linear function over an L∞ or L2 ball has a closed form, so the bound is exact for the
          relaxed network. It certifies the base network, and is never looser than IBP built on the same
          neuron bounds. The price is one backward pass per bounded neuron: fine for small and medium networks
          on a GPU, too slow and again too loose for large image models.
        </dd>
        <dt>Lipschitz-constrained networks (e.g. Tsuzuku, Sato &amp; Sugiyama 2018)</dt>
        <dd>
          If no logit can move faster than L times the length of the input change, a margin m between the top
          two logits survives every change shorter than m / (√2 L) in L2. For an ordinary network L is bounded
          by the product of the layers&apos; spectral norms, cheap to compute but usually far too large, which
          makes this the most conservative row of the table. Architectures built to keep every layer
          1-Lipschitz make the bound tight and scale well, but the constraint costs accuracy.
        </dd>
        <dt>Convex relaxations (linear and semidefinite programs)</dt>
        <dd>
          Ask a solver for the worst case of the relaxed network: a linear program over the convex hull of
          each ReLU (Wong &amp; Kolter 2018), or a semidefinite program that couples neurons (Raghunathan,
          Steinhardt &amp; Liang 2018). They are tighter than CROWN, and exact verification with mixed-integer
          or SMT solvers (Katz et al. 2017, Reluplex) closes the gap completely, but solver time grows quickly
          with the number of neurons: a few thousand is already hard. This view does not compute them.
        </dd>
      </dl>
      <p>
        The pattern: the deterministic methods certify the base network for sure and pay for it in tightness
        or compute as networks grow; smoothing needs nothing but forward passes, so it certifies
        ImageNet-sized models, and pays with many passes per prediction, a certificate in L2 only, and a small
        chance α of being wrong. These costs are the lesson&apos;s{' '}
        <a href={routeHref('limits', query)}>practical limitations (Limits and attacks)</a>, with numbers
        measured in this lab.
      </p>
    </section>
  );
}
