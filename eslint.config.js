// Lint rules, including the dependency rule of ARCHITECTURE.md: src/core imports no I/O and
// reads no process state; services and repositories never import the HTTP layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const IO_MODULES = [
  'node:fs', 'node:fs/promises', 'fs', 'node:net', 'node:http', 'node:https', 'node:child_process',
  'node:crypto', 'crypto', 'node:os', 'node:process', 'pg', 'kysely', 'fastify', '@electric-sql/*', 'pg-boss',
  'proper-lockfile', '@node-rs/*',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'scratch/', 'web/dist/', 'web/e2e-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: IO_MODULES, message: 'src/core is pure: pass I/O results, time and ids in as arguments.' },
          { group: ['../db/*', '../http/*', '../modules/*', '../main/*', '../cli/*', '../config/*'], message: 'src/core depends on nothing outside src/core.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core reads no process state.' },
        { name: 'fetch', message: 'src/core does no I/O.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core takes `now` as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/core takes `now` as an argument.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'src/core takes randomness as an argument.' }],
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.routes.ts', 'src/modules/**/*.schemas.ts', 'src/modules/**/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/http/*', 'fastify', '@fastify/*'], message: 'Services and repositories never import the HTTP layer.' }],
      }],
    },
  },
  {
    // Routes take what they need of the HTTP layer from route-kit.ts and the shared schemas: the
    // server (app.ts) is wired by src/main, and importing it would tie every route to it.
    files: ['src/modules/**/*.routes.ts', 'src/modules/**/*.schemas.ts', 'src/modules/**/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/http/app.ts', '**/main/*'], message: 'Routes import src/http/route-kit.ts, never the server or the composition root.' }],
      }],
    },
  },
  {
    // The demo loader sits beside the CLI: it writes through the contexts' public interfaces and the
    // database, never through the HTTP layer.
    files: ['src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/http/*', 'fastify', '@fastify/*'], message: 'The demo never imports the HTTP layer.' }],
      }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config reads the environment.' }],
    },
  },
  {
    // Frozen migrations take Kysely<any>: they must not change when today's row types do.
    files: ['src/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
  {
    // The console: React's rules of hooks; it runs in the browser and talks to the API only.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', fetch: 'readonly', FormData: 'readonly', XMLHttpRequest: 'readonly', crypto: 'readonly', File: 'readonly', AbortSignal: 'readonly', URLSearchParams: 'readonly', Response: 'readonly' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/modules/*/*.service.ts', '**/src/modules/*/*.repository.ts', '**/src/db/*', '**/src/main/*'], message: 'The console takes only types from the server (web/src/api/types.ts).' }] }],
    },
  },
  {
    files: ['web/e2e/**/*.ts', 'web/scripts/**/*.mjs', 'web/*.config.ts'],
    rules: { 'no-console': 'off' },
  },
);

