/** Reports built through the real builders from hand-made scans, for the export tests. */
import type { AuditIteration, Report } from '../../../src/report/index.ts';
import { iterationFromScan, reportFromAudit, reportFromScan } from '../../../src/report/index.ts';
import { findSuspects } from '../../../src/suspects/index.ts';
import { emptyScan, listener, resizeChain, tree } from '../suspects/scan-fixture.ts';

export const META = {
  url: 'https://shop.example.com/cart?session=s3cr3t#top',
  title: 'Cart',
  browser: 'Chrome/156.0.0.0',
  createdAt: '2026-11-26T14:05:00.000Z',
  toolVersion: '0.1.0',
};

/** A scan of the leaky dialog page after `n` openings: n detached dialogs held by n resize listeners. */
export function dialogScan(n: number, label = (i: number) => `<section id="dlg${i}" class="dialog">`) {
  const detached = Array.from({ length: n }, (_, i) => {
    const chain = resizeChain(i);
    chain[1].object = label(i);
    return { ...tree(i, label(i), 43, chain), callsite: null };
  });
  const listeners = [
    listener({ type: 'click', target: '<button id="open">' }),
    ...Array.from({ length: n }, () => listener({ type: 'resize', target: 'window', handler: 'onResize()' })),
  ];
  return emptyScan({
    detached,
    listeners,
    metrics: { Nodes: 100 + 43 * n, JSEventListeners: 1 + 2 * n, JSHeapUsedSize: 1_000_000 + 5_000 * n },
  });
}

export function scanReport(n = 3, label?: (i: number) => string, meta = META): Report {
  const scan = dialogScan(n, label);
  return reportFromScan({ meta, scan, suspects: findSuspects(scan) });
}

/** An audit of `n` iterations of the leaky dialog (iteration 0 is the baseline). */
export function auditReport(n = 5): Report {
  const iterations: AuditIteration[] = [];
  for (let i = 0; i <= n; i++) {
    const scan = dialogScan(i);
    iterations.push(iterationFromScan(i, scan, findSuspects(scan)));
  }
  const last = dialogScan(n);
  return reportFromAudit({
    meta: META,
    scenario: 'dialog.mjs',
    iterations,
    suspects: findSuspects(last),
    heap: null,
    metrics: last.metrics,
    timings: [{ name: 'iterations', value: 1234 }],
  });
}

/** Strings a hostile page could put into labels, titles and URLs. */
export const HOSTILE = {
  img: '"><img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  js: 'javascript:alert(1)',
  rtl: 'invoice\u202Egnp.exe',
  md: '**bold** [link](javascript:alert(1)) `tick` | pipe <b>x</b>',
};
