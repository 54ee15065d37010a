import { MAILBOX_EVENTS, PROTOCOL_VERSION, type RelayToHook } from '../../src/protocol/index.ts';
import { apply, dom, isArray, parseJson } from './pristine.ts';

/**
 * The hook's end of the private channel. A detached <div> is the mailbox: events dispatched on it reach only
 * listeners on it, i.e. the hook and the relay, never the page. The hook hands it to the relay once, inside a
 * MouseEvent's relatedTarget on window (node wrappers cross worlds; plain objects do not). Either script may
 * run first: the hook announces the mailbox when it starts and again when the relay says hello; the relay
 * acknowledges on the mailbox, after which the hook stops listening on window.
 */

export interface HookChannel {
  send(json: string): void;
}

/** Only three messages exist in this direction; parsed here with pristine built-ins (validate.ts is not). */
function parse(json: unknown): RelayToHook | null {
  if (typeof json !== 'string') return null;
  let x: unknown;
  try {
    x = parseJson(json);
  } catch {
    return null;
  }
  if (typeof x !== 'object' || x === null || isArray(x)) return null;
  const m = x as Record<string, unknown>;
  if (m.v !== PROTOCOL_VERSION) return null;
  if (m.kind === 'connect') return { kind: 'connect', v: PROTOCOL_VERSION, detail: m.detail === true };
  if (m.kind === 'disconnect') return { kind: 'disconnect', v: PROTOCOL_VERSION };
  if (m.kind === 'request-full') return { kind: 'request-full', v: PROTOCOL_VERSION };
  return null;
}

export function openHookChannel(onMessage: (msg: RelayToHook) => void): HookChannel {
  const { addEventListener: add, removeEventListener: remove, dispatchEvent: dispatch } = dom;
  const mailbox = apply(dom.createElement, dom.document, ['div']) as Element;
  const announce = () => {
    const ev = new dom.MouseEvent(MAILBOX_EVENTS.handshakeFromHook, {
      __proto__: null,
      relatedTarget: mailbox,
    } as MouseEventInit);
    apply(dispatch, dom.window, [ev]);
  };
  const onRelayHello = () => announce();
  const onAck = () => {
    apply(remove, dom.window, [MAILBOX_EVENTS.handshakeFromRelay, onRelayHello, true]);
    apply(remove, mailbox, [MAILBOX_EVENTS.handshakeFromRelay, onAck]);
  };
  apply(add, mailbox, [MAILBOX_EVENTS.handshakeFromRelay, onAck]);
  apply(add, mailbox, [
    MAILBOX_EVENTS.toHook,
    (ev: Event) => {
      try {
        const msg = parse(apply(dom.eventDetail, ev, []));
        if (msg) onMessage(msg);
      } catch {}
    },
  ]);
  apply(add, dom.window, [MAILBOX_EVENTS.handshakeFromRelay, onRelayHello, true]);
  announce();
  return {
    send(json) {
      const ev = new dom.CustomEvent(MAILBOX_EVENTS.toRelay, {
        __proto__: null,
        detail: json,
      } as CustomEventInit);
      apply(dispatch, mailbox, [ev]);
    },
  };
}
