/**
 * The floors table (../floors.js) is well formed, places every file of src/, and is the table that
 * docs/ARCHITECTURE.md shows, row for row and in the same order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOORS, floorRows, floorsMarkdown } from '../floors.js';
import { floorOf } from '../floorsRule.js';

/** Every file under `dir`, repository-relative with "/", test folders left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    if (!e.isDirectory()) return [p];
    return e.name === '__tests__' || e.name === '__fixtures__' ? [] : filesUnder(p);
  });
}

/** The cells of the docs' floors table: the rows from its header line to the first non-table line. */
function docsRows(): string[][] {
  const lines = readFileSync('docs/ARCHITECTURE.md', 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\|\s*Floor\s*\|/.test(l));
  expect(start, 'docs/ARCHITECTURE.md has a table whose first column is "Floor"').toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    if (/^\|[\s:|-]+\|$/.test(line)) continue; // the header's rule
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('the floors table', () => {
  it('has unique ids, and each floor imports only floors below it', () => {
    const ids = FLOORS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    FLOORS.forEach((f, k) => {
      const below = new Set(ids.slice(0, k));
      for (const id of f.imports === 'nothing' ? [] : f.imports) {
        expect(below.has(id), `${f.id} imports ${id}, which must be a floor below it`).toBe(true);
      }
    });
  });

  it('places every file of src/ in a floor', () => {
    const unplaced = filesUnder('src').filter((f) => !floorOf(f));
    expect(unplaced).toEqual([]);
  });

  it('claims a file by its most specific path', () => {
    expect(floorOf('src/store/urlSchema.ts')?.id).toBe('store/schema');
    expect(floorOf('src/store/labSlice.ts')?.id).toBe('store');
    expect(floorOf('src/store/url')?.id).toBe('store/schema');
    expect(floorOf('src/engine/protocol')?.id).toBe('engine/protocol');
    expect(floorOf('src/training/client.ts')?.id).toBe('training/page');
    expect(floorOf('src/training/trainer.ts')?.id).toBe('training');
    expect(floorOf('src/newfloor/a.ts')).toBeUndefined();
  });

  it('is the table docs/ARCHITECTURE.md shows, in the same order', () => {
    const expected = floorRows();
    const shown = docsRows();
    expect(
      shown,
      `docs/ARCHITECTURE.md's floors table should read (then run prettier):\n${floorsMarkdown()}`,
    ).toEqual(expected);
  });
});
