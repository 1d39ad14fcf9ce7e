/* global module */
'use strict';

/**
 * Stands in for @stdlib/assert-has-generator-support in the browser build. The original finds out
 * whether `function*` is supported by evaluating a string, which the app's Content-Security-Policy
 * (no 'unsafe-eval') refuses and reports as a violation. Every browser the build targets (ES2022)
 * has generators, so the answer is known: true. CommonJS, like the module it replaces.
 *
 * @returns {boolean} always true
 */
module.exports = function hasGeneratorSupport() {
  return true;
};
