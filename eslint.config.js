// ESLint flat config. Fast on purpose: typescript-eslint's `recommended` set
// without type information. Prettier owns formatting; eslint-config-prettier
// (last) turns off any stylistic rule that would fight it.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

export default defineConfig(
  {
    ignores: ['dist/**', 'build/**', 'data/**', 'node_modules/**', '.tmp/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'warn',
    },
    rules: {
      // `any` is used deliberately at JSON / database / plugin boundaries.
      '@typescript-eslint/no-explicit-any': 'off',
      // Control characters in regexes are deliberate: input is checked for them (PostgreSQL text cannot hold NUL).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  // Server, CLI, tests, benchmarks and tooling run on Node.
  {
    files: ['src/**', 'tests/**', 'bench/**', 'scripts/**', 'bin/**', '*.{js,ts,mjs,cjs}'],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
  // The web app runs in the browser; hooks rules apply to its components.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  prettier,
);
