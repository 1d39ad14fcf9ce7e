// Writes the shipped test digits (public/data/mnist-test.bin) from the seeded split.
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodeDigits } from '../src/data/digits';
import { split } from './lib/mnist';

export const TEST_DIGITS_PATH = 'public/data/mnist-test.bin';

const { train, test } = split();
mkdirSync('public/data', { recursive: true });
const bytes = encodeDigits(test);
writeFileSync(TEST_DIGITS_PATH, bytes);
const hist = (labels: Uint8Array) =>
  Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);
console.log(`train ${train.count} digits, per class ${hist(train.labels).join(' ')}`);
console.log(`test  ${test.count} digits, per class ${hist(test.labels).join(' ')}`);
console.log(`wrote ${TEST_DIGITS_PATH} (${(bytes.length / 1e6).toFixed(2)} MB)`);
