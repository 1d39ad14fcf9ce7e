/**
 * The certifications behind the table in models/README.md: each CNN at its own sigma_train
 * (cnn-0.00, trained without noise, at 0.12). Shared by certify-table.ts and models-readme.ts.
 */
export const CERTIFY_RUNS = [
  { model: 'cnn-0.00', sigma: '0.12' },
  { model: 'cnn-0.12', sigma: '0.12' },
  { model: 'cnn-0.25', sigma: '0.25' },
  { model: 'cnn-0.50', sigma: '0.50' },
  { model: 'cnn-1.00', sigma: '1.00' },
] as const;

export type CertifyRun = (typeof CERTIFY_RUNS)[number];

/** Where the TSV of a run is kept. */
export const tsvPath = (r: CertifyRun) => `models/certify/${r.model}-sigma${r.sigma}.tsv`;
