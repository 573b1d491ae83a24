// ESLint flat config: recommended JS + typescript-eslint rules for all TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-artifacts/**', 'test/fixtures/**', 'templates/**', '.vscode-test/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'media/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  // Layers (issue 10 §5): core is pure domain logic; media (webview pages) talks to the host through
  // src/shared only; src/shared holds protocol types and pure helpers that a webview bundle may load.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure domain logic: no vscode (the CLI and unit tests run it).' }],
        patterns: [{ group: ['**/shared/**', '**/extension/**', '**/media/**', '**/cli/**'], message: 'src/core imports nothing from src/shared, src/extension, src/cli or media: move the type into core.' }],
      }],
    },
  },
  {
    files: ['media/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Webview pages cannot use the vscode API; use media/shared/vscodeApi.' }],
        patterns: [{ group: ['**/src/core/**', '**/src/core', '**/src/extension/**', '**/src/cli/**', 'node:*'], message: 'media imports only src/shared and its own files: re-export the type or pure helper through src/shared.' }],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/shared is loaded by webviews: no vscode.', allowTypeImports: true }],
        patterns: [
          { group: ['**/extension/**', '**/cli/**', '**/media/**', 'node:*'], message: 'src/shared holds types and pure helpers only.' },
          // Types from core are fine; runtime code only from the dependency-free leaf modules listed here,
          // so a webview bundle never pulls in pricing data, yaml or the invoker.
          { regex: '/core/(?!cost/format$|run/prediction$)', message: 'src/shared may import only types from src/core (values only from the pure leaf modules allowed in eslint.config.mjs).', allowTypeImports: true },
        ],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
