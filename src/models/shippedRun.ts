/**
 * How the shipped certifications (models/certify/cnn-<s>-sigma<s>.tsv, behind models/README.md) were
 * run: the first `digits` test digits, CERTIFY with n0, n and alpha, noise seeded per digit index from
 * `seed`. Every text that names the shipped runs reads it here; a unit test holds it to the TSVs.
 */
export const SHIPPED_RUN = { digits: 200, n0: 100, n: 10_000, alpha: 0.001, seed: 0 } as const;
