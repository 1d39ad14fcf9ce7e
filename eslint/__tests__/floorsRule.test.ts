/**
 * The rule `floors/imports` (../floorsRule.js) on small fixture sources, with the real floors
 * table: each case names the file it pretends to be (under this repository's src/ or server/).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { floorsImportsRule } from '../floorsRule.js';

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});
/** An absolute file name in this repository (the rule reads paths relative to its root). */
const at = (rel: string) => path.join(fileURLToPath(new URL('../..', import.meta.url)), rel);
// The rule is plain JavaScript; its object is an ESLint rule module.
const rule = floorsImportsRule() as unknown as Rule.RuleModule;

tester.run('floors/imports', rule, {
  valid: [
    {
      name: 'a legal import: lesson imports smoothing',
      filename: at('src/lesson/x.ts'),
      code: "import { argmax } from '../smoothing';",
    },
    { name: 'its own floor', filename: at('src/lesson/x.ts'), code: "import { PRESETS } from './presets';" },
    {
      name: 'a floor below, by export … from',
      filename: at('src/components/x.ts'),
      code: "export { PRESETS } from '../lesson/presets';",
    },
    {
      name: 'a dynamic import of a floor below',
      filename: at('src/app/x.ts'),
      code: "const m = () => import('../toy2d/tfPage');",
    },
    {
      name: "the stated exception: client.ts's dynamic import of the worker's core",
      filename: at('src/engine/client/client.ts'),
      code: "const core = () => import('../worker/core');",
    },
    {
      name: 'a protocol that imports nothing',
      filename: at('src/engine/protocol.ts'),
      code: 'export type Id = number;',
    },
    {
      name: 'TF.js in its home',
      filename: at('src/engine/worker/x.ts'),
      code: "import * as tf from '@tensorflow/tfjs-core';",
    },
    {
      name: 'TF.js in the model loader',
      filename: at('src/models/load.ts'),
      code: "import * as tf from '@tensorflow/tfjs-core';",
    },
    {
      name: 'zustand in the class client',
      filename: at('src/class/x.ts'),
      code: "import { create } from 'zustand';",
    },
    {
      name: 'the server imports the class protocol',
      filename: at('server/x.ts'),
      code: "import type { ClientMessage } from '../src/class/protocol';",
    },
    {
      name: 'repository data outside the floors',
      filename: at('src/models/x.ts'),
      code: "import index from '../../models/index.json';",
    },
    {
      name: 'a test may import anything',
      filename: at('src/engine/__tests__/x.ts'),
      code: "import { useAppStore } from '../../store';",
    },
  ],
  invalid: [
    {
      name: 'a folder the table does not list',
      filename: at('src/newfloor/a.ts'),
      code: 'export const a = 1;',
      errors: [{ messageId: 'unlisted' }],
    },
    {
      name: 'a test in an unlisted folder',
      filename: at('src/newfloor/__tests__/a.test.ts'),
      code: 'export const a = 1;',
      errors: [{ messageId: 'unlisted' }],
    },
    {
      name: 'a dynamic upward import',
      filename: at('src/lesson/x.ts'),
      code: "const s = () => import('../store');",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'export … from upward',
      filename: at('src/store/x.ts'),
      code: "export { getEngine } from '../engine/client/useEngine';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'export * from upward',
      filename: at('src/lesson/x.ts'),
      code: "export * from '../components/Checkpoint';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'a type import upward',
      filename: at('src/store/x.ts'),
      code: "import type { EngineClient } from '../engine/client/client';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'the lesson reaching into the store',
      filename: at('src/lesson/x.ts'),
      code: "import { useAppStore } from '../store';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'the exception is for a dynamic import only',
      filename: at('src/engine/client/client.ts'),
      code: "import { EngineCore } from '../worker/core';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'the exception is for client.ts only',
      filename: at('src/engine/client/place.ts'),
      code: "const c = () => import('../worker/core');",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'the worker side never imports the page side',
      filename: at('src/engine/worker/x.ts'),
      code: "import { getEngine } from '../client/useEngine';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'a protocol imports no type',
      filename: at('src/engine/protocol.ts'),
      code: "import type { ModelId } from '../models/ids';",
      errors: [{ messageId: 'nothing' }],
    },
    {
      name: 'a protocol re-exports nothing',
      filename: at('src/class/protocol.ts'),
      code: "export * from './other';",
      errors: [{ messageId: 'nothing' }],
    },
    {
      name: 'TF.js outside its homes',
      filename: at('src/components/x.tsx'),
      code: "import * as tf from '@tensorflow/tfjs-core';",
      errors: [{ messageId: 'tf' }],
    },
    {
      name: 'TF.js by import() outside its homes',
      filename: at('src/app/x.ts'),
      code: "const tf = () => import('@tensorflow/tfjs-core');",
      errors: [{ messageId: 'tf' }],
    },
    {
      name: 'TF.js in a non-loader file of models',
      filename: at('src/models/cards.ts'),
      code: "import * as tf from '@tensorflow/tfjs-core';",
      errors: [{ messageId: 'tf' }],
    },
    {
      name: 'React in pure smoothing',
      filename: at('src/smoothing/x.ts'),
      code: "import { useState } from 'react';",
      errors: [{ messageId: 'ui' }],
    },
    {
      name: 'React in the class client',
      filename: at('src/class/x.ts'),
      code: "import { useState } from 'react';",
      errors: [{ messageId: 'ui' }],
    },
    {
      name: 'the server imports the app',
      filename: at('server/x.ts'),
      code: "import { useAppStore } from '../src/store';",
      errors: [{ messageId: 'upward' }],
    },
    {
      name: 'an import into an unlisted folder',
      filename: at('src/app/x.ts'),
      code: "import { a } from '../newfloor/a';",
      errors: [{ messageId: 'target' }],
    },
    {
      name: "training's page side never imports the trainer",
      filename: at('src/training/client.ts'),
      code: "import { Trainer } from './trainer';",
      errors: [{ messageId: 'upward' }],
    },
  ],
});
