import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** A formula typeset with KaTeX (rendered to HTML and MathML, so screen readers can read it). */
export function Formula({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }),
    [tex, display],
  );
  return <span className="formula" dangerouslySetInnerHTML={{ __html: html }} />;
}
