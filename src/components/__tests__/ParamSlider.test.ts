import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ParamSlider } from '../ParamSlider';

describe('ParamSlider', () => {
  it('renders its URL row: its label, range, step and text', () => {
    const html = renderToStaticMarkup(createElement(ParamSlider, { paramKey: 'sigma' }));
    expect(html).toContain('noise level sigma');
    expect(html).toMatch(/min="0.01"[^>]*max="1.5"[^>]*step="0.01"/);
    expect(html).toContain('aria-valuetext="0.25"');
    const n = renderToStaticMarkup(createElement(ParamSlider, { paramKey: 'n' }));
    expect(n).toMatch(/min="0"[^>]*max="1000"[^>]*step="1"/);
    expect(n).toContain('aria-valuetext="1,000"');
  });
});
