/**
 * How the shipped certifications (models/certify/cnn-<s>-sigma<s>.tsv, behind models/README.md) were
 * run: the first `digits` test digits, CERTIFY with n0, n and alpha, noise seeded per digit index from
 * `seed`. Every text that names the shipped runs reads it here; a unit test holds it to the TSVs.
 */
export const SHIPPED_RUN = { digits: 2000, n0: 100, n: 10_000, alpha: 0.001, seed: 0 } as const;

/**
 * The radius each sigma's shipped CNN was chosen for (the most certified there, among the training
 * ablation's models), as in the published MNIST comparison: r = 0.5 at sigma 0.25, 1.0 at 0.50, 1.5
 * at 1.00. Keyed by the sigma's two-decimal label.
 */
export const TARGET_RADIUS: Readonly<Record<string, number>> = { '0.25': 0.5, '0.50': 1, '1.00': 1.5 };

/**
 * How the training ablation's models were certified (models/certify/ablation/, `npm run ablation`):
 * the first `digits` test digits, with CERTIFY's n0, n and alpha and the noise seed. A unit test
 * holds it to models/certify/ablation.json.
 */
export const ABLATION_RUN = { digits: 200, n0: 100, n: 10_000, alpha: 0.001, seed: 0 } as const;
