/**
 * The extension pages' Content Security Policy, enforced in the real panel: an inline script, an inline event
 * handler, eval / new Function and a script from another origin are all refused (securitypolicyviolation), so page
 * data that somehow became markup could still not run. The manifest side is checked in tests/unit/security.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DIST, launch, openPage, type Session, showPanel } from './harness.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the built manifest keeps the strict extension-page CSP', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  expect(manifest.content_security_policy.extension_pages).toBe(
    "script-src 'self'; object-src 'none'; base-uri 'none'",
  );
});

test('in the real panel, inline script, inline handlers, eval and remote script are refused', async () => {
  const page = await openPage(session, 'clean.html');
  const { panel } = await showPanel(session, page);
  const remote = session.server.url('hostile/strings.js');
  const outcome = await panel.evaluate(async (remoteUrl: string) => {
    const w = window as unknown as Record<string, unknown>;
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
    // Inline <script>.
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = 1';
    document.body.append(inline);
    // Inline event handler.
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handlerRan = 1');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    // eval and new Function, from a task of the panel's own (CDP's evaluation is exempt from the eval check:
    // Runtime.evaluate's allowUnsafeEvalBlockedByCSP defaults to true).
    const { evalError, functionError } = await new Promise<{ evalError: string; functionError: string }>(
      (resolve) =>
        setTimeout(() => {
          const out = { evalError: '', functionError: '' };
          try {
            // biome-ignore lint/security/noGlobalEval: the point of the test
            const indirect = eval;
            indirect('window.__evalRan = 1');
          } catch (e) {
            out.evalError = String(e);
          }
          try {
            new Function('window.__functionRan = 1')();
          } catch (e) {
            out.functionError = String(e);
          }
          resolve(out);
        }, 0),
    );
    // A script from a web origin (the fixture server).
    const ext = document.createElement('script');
    const loaded = new Promise<string>((resolve) => {
      ext.onload = () => resolve('loaded');
      ext.onerror = () => resolve('refused');
    });
    ext.src = remoteUrl;
    document.body.append(ext);
    const remoteResult = await loaded;
    await new Promise((r) => setTimeout(r, 300));
    return {
      ran: ['__inlineRan', '__handlerRan', '__evalRan', '__functionRan'].filter((k) => k in w),
      remoteRan: 'HOSTILE' in w,
      remoteResult,
      evalError,
      functionError,
      violations,
    };
  }, remote);
  expect(outcome.ran).toEqual([]);
  expect(outcome.remoteRan).toBe(false);
  expect(outcome.remoteResult).toBe('refused');
  expect(outcome.evalError).toMatch(/EvalError/);
  expect(outcome.functionError).toMatch(/EvalError/);
  const directives = outcome.violations.join('\n');
  expect(directives).toMatch(/script-src-elem inline/);
  expect(directives).toMatch(/script-src-attr inline/);
  expect(directives).toMatch(/script-src eval/);
  expect(directives).toContain(`script-src-elem ${remote}`);
});
