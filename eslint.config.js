import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Runtime boundaries are enforced here, not by habit (see docs/architecture.md).
const noElectron = {
  paths: [{ name: 'electron', message: 'The store core runs under plain Node: keep Electron code in main/electron/.' }],
  patterns: [{ group: ['**/electron/**'], message: 'The store core may not import the Electron glue.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // Electron-free policy modules of main/electron are unit-tested under plain Node.
    files: ['test/unit/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron.paths[0]] }] },
  },
  {
    files: ['drivers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Drivers are plain Node.' }],
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'drivers/ imports nothing from main/ or renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser.' },
            // main/api is a leaf of zod schemas (test/unit/api/contract-leaf.test.ts): the renderer parses with them.
            { regex: '(^|/)main/(?!api/)', message: 'The renderer talks to the core only through the API.' },
          ],
          paths: [{ name: 'electron', message: 'The renderer runs in a browser.' }],
        },
      ],
    },
  },
);
