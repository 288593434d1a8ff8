// ESLint (flat config) for the book's browser scripts: recommended rules, browser globals.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['_build/**', '.venv/**', 'node_modules/**'],
  },
  {
    files: ['src/convblocks/**/*.js', 'book/_vendor/**/*.js', 'book/_exercises/**/*.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: { ...globals.browser },
    },
    rules: {
      ...js.configs.recommended.rules,
      // short functions a reader can follow (a script's IIFE wrapper does not count)
      'max-lines-per-function': ['error', { max: 30, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // anywidget modules: explorer.js is imported as an ES module (JupyterLab, the book's loader)
    files: ['src/convblocks/explorer/explorer.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // node's test runner: the unit tests of the shared browser module
    files: ['tests/js/**/*.{js,mjs}'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
  },
];
