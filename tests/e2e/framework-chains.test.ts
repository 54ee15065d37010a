/**
 * Framework-shaped leaks in real frameworks' production builds, scanned in the real panel: the retainer chain names
 * the component (React function component, Vue options component) or the custom element's class (Lit), not just
 * minified library objects.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openPage, type Session, showPanel } from './harness.ts';
import { pressScan, type Shown, shownSuspects } from './panel-helpers.ts';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

/** Opens the page with the panel, clicks the button that unmounts / removes the component, scans. */
async function unmountAndScan(path: string, button: string): Promise<Shown[]> {
  const page = await openPage(session, path);
  const { panel } = await showPanel(session, page);
  await page.click(button);
  await pressScan(panel);
  const shown = await shownSuspects(panel);
  await page.close();
  return shown;
}

const dump = (shown: Shown[]) => JSON.stringify(shown.map((s) => [s.kind, s.severity, s.text.slice(0, 500)]));

describe('framework names in retainer chains, in the real panel', () => {
  test('React: an unmounted <SalesChart> whose useEffect never removed its resize listener: the chain names SalesChart', async () => {
    const shown = await unmountAndScan('apps/react-leak.html', '#toggle-chart');
    const leak = shown.find((s) => s.kind === 'detached-dom' || s.kind === 'listener');
    expect(leak, dump(shown)).toBeDefined();
    expect(leak!.text, dump(shown)).toMatch(
      /'resize' listener[\s\S]*onResize\(\) in <SalesChart>[\s\S]*closure variable el[\s\S]*sales-chart/,
    );
  });

  test('Preact 11 + hooks: the same unmounted <SalesChart>: the chain names SalesChart through its hooks setter', async () => {
    const shown = await unmountAndScan('apps/preact-leak.html', '#toggle-chart');
    const leak = shown.find((s) => /'resize' listener/.test(s.text) && s.severity !== 'info');
    expect(leak, dump(shown)).toBeDefined();
    expect(leak!.text, dump(shown)).toMatch(
      /'resize' listener[\s\S]*onResize\(\) in <SalesChart>[\s\S]*closure variable el[\s\S]*sales-chart/,
    );
  });

  test('Vue 3: an unmounted SalesChart whose mounted() added a resize listener: the chain names the component', async () => {
    const shown = await unmountAndScan('apps/vue-leak.html', '#toggle-chart');
    const leak = shown.find((s) => /'resize' listener/.test(s.text) && s.severity !== 'info');
    expect(leak, dump(shown)).toBeDefined();
    expect(leak!.text, dump(shown)).toMatch(/'resize' listener[\s\S]*<SalesChart>/);
  });

  test('Lit: a removed <sales-badge> kept by a document listener: the chain names the element class SalesBadge', async () => {
    const shown = await unmountAndScan('apps/lit-leak.html', '#remove-badge');
    const leak = shown.find((s) => /'click' listener/.test(s.text) && s.severity !== 'info');
    expect(leak, dump(shown)).toBeDefined();
    expect(leak!.text, dump(shown)).toMatch(/'click' listener[\s\S]*<sales-badge> \(SalesBadge\)/);
  });
});
