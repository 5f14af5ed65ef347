// The JS lint gate (scripts/test.sh): ESLint's recommended rules over the page, the scripts, the
// JS benchmark and the tests. Generated code (the wasm-bindgen glue) and build output are out.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['www/pkg/**', 'dist/**', 'target/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  // House rules as gates for the product's code (tests read better whole): functions under
  // 120 lines, files under 300, both counted in code lines as Prettier lays them out.
  {
    files: ['www/**/*.js', 'scripts/**', 'bench-js/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  // Workers: no DOM, `self` and importScripts.
  { files: ['www/**/*worker*.js'], languageOptions: { globals: { ...globals.worker } } },
  // Node: the scripts, the benchmark's driver and the tests (whose page.evaluate callbacks run
  // in the browser, hence both sets).
  {
    files: ['scripts/**', 'bench-js/**', 'tests/**', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
