// The "Leakscope" pane in the Elements panel's sidebar: the selected node's listeners with where each was
// registered, and whether the last scan found the node on a leak's retainer chain.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CallsiteLink } from './components/callsite-link.tsx';
import type { NodeReport } from './elements/node-report.ts';
import { type PaneMessage, paneChannelName } from './elements/pane-link.ts';
import { SELECTED_NODE_EXPRESSION, type SelectedNode } from './elements/selected-node.ts';
import { evalInIsolatedWorld } from './reveal/reveal.ts';
import './theme.css';
import { followDevToolsTheme } from './theme.ts';

const formatTime = (at: number) => new Date(at).toLocaleTimeString([], { hour12: false });

/** How long the pane waits for the panel's answer before it says the panel is not open. */
const ANSWER_TIMEOUT_MS = 700;

const channel = new BroadcastChannel(paneChannelName(chrome.devtools.inspectedWindow.tabId));
let nextId = 1;

function askPanel(node: SelectedNode): Promise<NodeReport | null> {
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (report: NodeReport | null) => {
      clearTimeout(timer);
      channel.removeEventListener('message', onAnswer);
      resolve(report);
    };
    const onAnswer = (e: MessageEvent<PaneMessage>) => {
      if (e.data?.kind === 'answer' && e.data.id === id) done(e.data.report);
    };
    const timer = setTimeout(() => done(null), ANSWER_TIMEOUT_MS);
    channel.addEventListener('message', onAnswer);
    channel.postMessage({ kind: 'query', id, node } satisfies PaneMessage);
  });
}

type PaneState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; node: SelectedNode; report: NodeReport | null };

const options = (l: { capture: boolean; once: boolean; passive: boolean; signal?: boolean }) =>
  [l.capture && 'capture', l.once && 'once', l.passive && 'passive', l.signal && 'signal']
    .filter(Boolean)
    .join(', ');

function Pane() {
  const [state, setState] = useState<PaneState>({ kind: 'loading' });
  useEffect(() => {
    let generation = 0;
    const refresh = async () => {
      const mine = ++generation;
      try {
        const node = (await evalInIsolatedWorld(SELECTED_NODE_EXPRESSION)) as SelectedNode;
        const report = node.kind === 'none' ? null : await askPanel(node);
        if (mine === generation) setState({ kind: 'ready', node, report });
      } catch (e) {
        if (mine === generation)
          setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    };
    void refresh();
    const onChanged = (e: MessageEvent<PaneMessage>) => {
      if (e.data?.kind === 'changed') void refresh();
    };
    channel.addEventListener('message', onChanged);
    chrome.devtools.panels.elements.onSelectionChanged.addListener(refresh);
    return () => {
      channel.removeEventListener('message', onChanged);
      chrome.devtools.panels.elements.onSelectionChanged.removeListener(refresh);
    };
  }, []);

  if (state.kind === 'loading') return <div class="ls-pane ls-muted">Reading the selected node…</div>;
  if (state.kind === 'error') return <div class="ls-pane ls-muted">{state.message}</div>;
  const { node, report } = state;
  if (node.kind === 'none') return <div class="ls-pane ls-muted">Select a node in Elements.</div>;
  return (
    <div class="ls-pane" data-testid="elements-pane">
      <div class="ls-pane-title ls-code" data-testid="pane-node">
        {node.listenerLabel}
        {!node.connected && <span class="ls-flag ls-times">not in the document</span>}
      </div>
      <div class="ls-section-title">Event listeners</div>
      {report ? (
        report.listeners.length ? (
          <table class="ls-pane-table" data-testid="pane-listeners">
            <tbody>
              {report.listeners.map((l) => (
                <tr key={l.id} data-type={l.type}>
                  <td>{l.type}</td>
                  <td class="ls-code">{l.handler}</td>
                  <td class="ls-muted">{options(l)}</td>
                  <td>
                    <CallsiteLink callsite={l.callsite} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div class="ls-kv">Leakscope’s page hook saw no listener registered on this node.</div>
        )
      ) : (
        <>
          <div class="ls-kv" data-testid="pane-no-panel">
            Open the Leakscope panel once on this tab: it records where each listener was registered.
            {node.devtoolsListeners.length ? ' DevTools sees:' : ' DevTools sees no listener on it.'}
          </div>
          {node.devtoolsListeners.length > 0 && (
            <table class="ls-pane-table">
              <tbody>
                {node.devtoolsListeners.map((l, i) => (
                  <tr key={i} data-type={l.type}>
                    <td>{l.type}</td>
                    <td class="ls-muted">{options(l)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <div class="ls-section-title">Kept alive?</div>
      <div class="ls-kv" data-testid="pane-scan" data-scan-at={report?.scan?.at}>
        {!report ? (
          'The last scan is in the Leakscope panel; open it to see whether this node is on a leak’s chain.'
        ) : !report.scan ? (
          'No scan yet: press Scan in the Leakscope panel to find what keeps removed nodes alive.'
        ) : report.scan.onChains.length ? (
          <>
            The scan at {formatTime(report.scan.at)} found this node on the retainer chain of:
            <ul>
              {report.scan.onChains.map((s) => (
                <li key={s.title}>
                  <span class={`ls-sev ls-sev-${s.severity}`}>{s.severity}</span> {s.title}
                </li>
              ))}
            </ul>
          </>
        ) : (
          `The scan at ${formatTime(report.scan.at)} found this node on no leak’s retainer chain.`
        )}
      </div>
    </div>
  );
}

followDevToolsTheme();
render(<Pane />, document.getElementById('app')!);
