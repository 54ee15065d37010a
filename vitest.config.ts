import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * e2e files that run one at a time, after the others, with the machine to themselves: they compare times (the panel
 * answers within 1 s while the page is blocked, the hook's cost against native) or press real X keys.
 * The CLI audits and the scan-against-snapshot comparisons ran here until the cause of their rare failures under load
 * was found: the scan's GC (`DOM.getDetachedDomNodes`) scans the renderer's stack conservatively, so a stale stack
 * word could keep a removed row alive for that GC only. Both now collect precisely first (docs/live-scan.md).
 */
export const SERIAL_E2E = [
  'tests/e2e/lifecycle-debugger.test.ts',
  'tests/e2e/lifecycle-flood.test.ts',
  'tests/e2e/lifecycle-infobar.test.ts',
];

/**
 * The e2e files that take longest (40–90 s each under the parallel load), started first: on a fresh clone vitest has
 * no durations from an earlier run and starts the largest files first, which left truth-apps and framework-apps to
 * start after 160 and 230 s and end the run alone. The other files keep vitest's order.
 */
const SLOW_FIRST = [
  'tests/e2e/truth-apps.test.ts',
  'tests/e2e/cli-audit-router.test.ts',
  'tests/e2e/panel-fixtures.test.ts',
  'tests/e2e/framework-apps.test.ts',
  'tests/e2e/cli-audit-remote.test.ts',
  'tests/e2e/package.test.ts',
  'tests/e2e/cli-audit.test.ts',
  'tests/e2e/hook-relay.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((path) => f.moduleId.endsWith(path));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i, r: rank(f) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.f);
  }
}

const e2e = {
  environment: 'node',
  testTimeout: 90_000,
  hookTimeout: 90_000,
} as const;

export default defineConfig({
  test: {
    sequence: { sequencer: SlowFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Vitest's default is one worker fewer than the cores: one on these 2-core machines (39 s; 23 s with two).
          maxWorkers: 2,
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
