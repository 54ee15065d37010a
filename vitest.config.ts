import { defineConfig } from 'vitest/config';

/**
 * e2e files that run one at a time, after the others, with the machine to themselves: they compare times (the panel
 * answers within 1 s while the page is blocked, the hook's cost against native, an audit within 30 s), press real X
 * keys, compare a scan with a heap snapshot taken a moment later (what Chromium's input state holds briefly), or
 * read an audit's JS-heap series to the kilobyte (under the parallel files' load one step once grew 27 kB and fell
 * back at the next, against the 8 kB the idle audit allows).
 */
export const SERIAL_E2E = [
  'tests/e2e/lifecycle-debugger.test.ts',
  'tests/e2e/lifecycle-flood.test.ts',
  'tests/e2e/lifecycle-infobar.test.ts',
  'tests/e2e/cli-audit.test.ts',
  'tests/e2e/cli-audit-router.test.ts',
  'tests/e2e/truth-apps.test.ts',
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
        // Every other file owns its Chromium, fixture server, ports and temporary profile, and none writes dist/:
        // three at a time (a file mostly waits on its browser; two cores stay busy).
        test: {
          ...e2e,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: SERIAL_E2E,
          maxWorkers: 3,
        },
      },
      {
        test: { ...e2e, name: 'e2e-serial', include: SERIAL_E2E, fileParallelism: false },
      },
    ],
  },
});
