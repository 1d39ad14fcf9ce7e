import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo } from 'react';

/** Typeset formulas kept for reuse, newest last (a Map keeps insertion order). */
const typeset = new Map<string, string>();
/** How many typeset formulas to keep: a few slider positions' worth of the lab's formulas. */
const KEEP = 64;

/**
 * KaTeX's HTML for `tex`, from the cache when this formula was typeset recently. Typesetting costs
 * about a millisecond or more per formula, and the lab's formulas return to earlier values often
 * (a slider moved back, R_max for the same n, the symbolic lines that never change).
 */
function typesetTex(tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let html = typeset.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
    if (typeset.size >= KEEP) typeset.delete(typeset.keys().next().value!);
  } else {
    typeset.delete(key); // moved to the newest end below
  }
  typeset.set(key, html);
  return html;
}

/**
 * A formula typeset with KaTeX (rendered to HTML and MathML, so screen readers can read it).
 * Memoised on its text: a parent re-rendered with new counts re-typesets only the formulas whose
 * text changed.
 */
export const Formula = memo(function Formula({ tex, display = false }: { tex: string; display?: boolean }) {
  return <span className="formula" dangerouslySetInnerHTML={{ __html: typesetTex(tex, display) }} />;
});
