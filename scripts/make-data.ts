// Writes the shipped digits from the seeded split: the test digits (public/data/mnist-test.bin) and
// the training digits (public/data/mnist-train.bin, same format), which the page loads only when a
// student opens the "train your own model" panel. The two files never share a digit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodeDigits } from '../src/data/digits';
import { split } from './lib/mnist';

export const TEST_DIGITS_PATH = 'public/data/mnist-test.bin';
export const TRAIN_DIGITS_PATH = 'public/data/mnist-train.bin';

const { train, test } = split();
mkdirSync('public/data', { recursive: true });
const bytes = encodeDigits(test);
writeFileSync(TEST_DIGITS_PATH, bytes);
const trainBytes = encodeDigits(train);
writeFileSync(TRAIN_DIGITS_PATH, trainBytes);
const hist = (labels: Uint8Array) =>
  Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);
console.log(`train ${train.count} digits, per class ${hist(train.labels).join(' ')}`);
console.log(`test  ${test.count} digits, per class ${hist(test.labels).join(' ')}`);
console.log(`wrote ${TEST_DIGITS_PATH} (${(bytes.length / 1e6).toFixed(2)} MB)`);
console.log(`wrote ${TRAIN_DIGITS_PATH} (${(trainBytes.length / 1e6).toFixed(2)} MB)`);
