import { defineConfig } from 'vitest/config';

/**
 * e2e files whose assertions compare times (the panel answers within 1 s while the page is blocked; the hook's cost
 * against native) or press real X keys: they run one at a time, after the others, with the machine to themselves.
 */
const TIMING = [
  'tests/e2e/lifecycle-debugger.test.ts',
  'tests/e2e/lifecycle-flood.test.ts',
  'tests/e2e/lifecycle-infobar.test.ts',
  'tests/e2e/cli-audit.test.ts',
];

const e2e = {
  environment: 'node',
  testTimeout: 90_000,
  hookTimeout: 90_000,
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
      },
      {
        // Every file owns its Chromium, fixture server and temporary profile: two files at a time (two cores).
        test: { ...e2e, name: 'e2e', include: ['tests/e2e/**/*.test.ts'], exclude: TIMING, maxWorkers: 2 },
      },
      {
        test: { ...e2e, name: 'e2e-timing', include: TIMING, fileParallelism: false },
      },
    ],
  },
});
