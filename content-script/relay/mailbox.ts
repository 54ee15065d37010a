import { MAILBOX_EVENTS } from '../../src/protocol/index.ts';

/**
 * The relay's end of the private channel (isolated world). It takes the first detached element the hook
 * announces on window as the mailbox, acknowledges on it, and from then on ignores window entirely, so a page
 * that later imitates the handshake changes nothing. Messages are JSON strings in CustomEvent.detail.
 */
export interface RelayMailbox {
  send(json: string): void;
}

export function openRelayMailbox(onMessage: (json: string) => void): RelayMailbox {
  let mailbox: Element | null = null;
  const onHookHello = (ev: Event) => {
    const box = (ev as MouseEvent).relatedTarget;
    // A real mailbox is a detached element; anything else is not the hook's.
    if (mailbox || !(box instanceof Element) || box.isConnected) return;
    mailbox = box;
    window.removeEventListener(MAILBOX_EVENTS.handshakeFromHook, onHookHello, true);
    box.addEventListener(MAILBOX_EVENTS.toRelay, (e) => {
      const detail = (e as CustomEvent).detail;
      if (typeof detail === 'string') onMessage(detail);
    });
    box.dispatchEvent(new Event(MAILBOX_EVENTS.handshakeFromRelay));
  };
  window.addEventListener(MAILBOX_EVENTS.handshakeFromHook, onHookHello, true);
  // If the hook ran first, this makes it announce the mailbox again (synchronously, into onHookHello).
  window.dispatchEvent(new Event(MAILBOX_EVENTS.handshakeFromRelay));
  return {
    send(json) {
      mailbox?.dispatchEvent(new CustomEvent(MAILBOX_EVENTS.toHook, { detail: json }));
    },
  };
}
