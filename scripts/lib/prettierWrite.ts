/**
 * Formats files in place with the repository's prettier settings, as `prettier --write` would: for
 * scripts that write tracked files and take their own arguments (an npm script that chains
 * `&& prettier --write` hands `npm run x -- --flag` to prettier instead of the script).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

export async function prettierWrite(paths: string[]): Promise<void> {
  for (const path of paths) {
    const options = (await prettier.resolveConfig(path)) ?? {};
    const text = readFileSync(path, 'utf8');
    const formatted = await prettier.format(text, { ...options, filepath: path });
    if (formatted !== text) writeFileSync(path, formatted);
  }
}
