import { defineConfig } from 'vitest/config';

/**
 * Unit tests run once; integration tests (`*.int.test.ts`) run on embedded PGlite always and on
 * PostgreSQL when TEST_DATABASE_URL is set; browser journeys run in Debian's Chromium when
 * CHROMIUM_PATH names it (scripts/test.mjs sets both up).
 */
const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];
const backends = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

const browserProject = {
  test: {
    name: 'browser',
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['src/test/globalSetup.ts'],
    env: { TZ: 'UTC', TEST_BACKEND: 'pglite' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
};

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    // Most test time is spent waiting on databases and Chromium, so two workers pay off even on
    // two cores (the default is one fewer than the cores). Three were tried: no faster on two
    // cores, and the long axe loop ran out of time. TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...integration, 'test/browser/**'],
        },
      },
      ...backends.map((backend) => ({
        test: {
          name: backend,
          include: integration,
          globalSetup: ['src/test/globalSetup.ts'],
          env: { TZ: 'UTC', TEST_BACKEND: backend },
          // Files share a worker's loaded modules: loading the app once per file cost minutes.
          // A file that changes module state restores it; TEST_ISOLATE=true isolates each file.
          isolate: process.env.TEST_ISOLATE === 'true',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
      ...(process.env.CHROMIUM_PATH ? [browserProject] : []),
    ],
  },
});
