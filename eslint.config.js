import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'src/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        fetch: 'readonly',
        Blob: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read configuration in src/config.ts and pass it in (buildApp({ config }), the worker, the commands); tests use src/test/config.ts or src/test/env.ts.',
        },
      ],
    },
  },
  {
    // Who may read the environment, and why (docs/ARCHITECTURE.md, "Configuration"):
    files: [
      'src/config.ts', // the product's one reader: validates every variable once
      'src/test/**', // the test harness: backend switch, global setup, testConfig, testEnv
      'scripts/**', // build, test and bench tooling around the product, not in it
      'bin/**', // the installed command's launcher
      'test/**', // out-of-process tests: real servers, browsers and child processes whose input is the environment
      '*.config.{js,ts,mjs}', // tool configuration (vitest, drizzle-kit, eslint)
      // tests of the command line, whose input is the process environment as a shell gives it
      'src/cli/*.int.test.ts',
      'src/domain/imports/importCommand.int.test.ts',
      'src/domain/privacy/privacy.int.test.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
