/** What the presentation specs share. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Serious or critical axe violations on the page as it is now. */
export async function axe(page: Page, what: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((x) => x.impact === 'serious' || x.impact === 'critical')
    .map((x) => `${what}: ${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
