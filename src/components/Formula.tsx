import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useLayoutEffect, useRef } from 'react';

/** Typeset formulas kept for reuse, newest last (a Map keeps insertion order). */
const typeset = new Map<string, string>();
/** How many typeset formulas to keep: a few slider positions' worth of the lab's formulas. */
const KEEP = 64;

/**
 * KaTeX's HTML for `tex`, from the cache when this formula was typeset recently. Typesetting costs
 * about a millisecond or more per formula, and the lab's formulas return to earlier values often
 * (a slider moved back, R_max for the same n, the same shape with new counts).
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

/** A slot in a formula's text: `\text{@0@}`, `\text{@1@}`, ... filled from `values`. */
const SLOT = /@(\d+)@/g;

/** `\text{@k@}`: the TeX for slot k of a formula with live values. */
export const slot = (k: number): string => `\\text{@${k}@}`;

type Props = {
  tex: string;
  display?: boolean;
  /**
   * Values for the formula's slots (see `slot`), already formatted: a formula whose numbers change
   * with every counts update (p_lower, the radius) is typeset once per shape, and each update only
   * rewrites the slots' text (in the visible HTML and in the MathML that screen readers read).
   */
  values?: readonly string[];
};

const sameValues = (a?: readonly string[], b?: readonly string[]) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((v, k) => v === b[k]));

/**
 * A formula typeset with KaTeX (rendered to HTML and MathML, so screen readers can read it).
 * Memoised on its text and values: a parent re-rendered with new counts re-typesets nothing, and
 * changes the DOM only where a slot's value changed.
 */
export const Formula = memo(
  function Formula({ tex, display = false, values }: Props) {
    const html = typesetTex(tex, display);
    const ref = useRef<HTMLSpanElement>(null);
    /** The text nodes holding slots in the current HTML, with their text as typeset. */
    const slots = useRef<{ html: string; nodes: { node: Text; template: string }[] } | null>(null);
    useLayoutEffect(() => {
      const el = ref.current;
      if (!el || !values) return;
      if (slots.current?.html !== html) {
        const nodes: { node: Text; template: string }[] = [];
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const t = n as Text;
          if (t.data.includes('@')) nodes.push({ node: t, template: t.data });
        }
        slots.current = { html, nodes };
      }
      for (const { node, template } of slots.current.nodes) {
        const text = template.replace(SLOT, (_, k: string) => values[Number(k)] ?? '');
        if (node.data !== text) node.data = text;
      }
    }, [html, values]);
    return <span ref={ref} className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
  },
  (a, b) => a.tex === b.tex && a.display === b.display && sameValues(a.values, b.values),
);
