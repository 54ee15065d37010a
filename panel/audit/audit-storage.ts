import type { AuditState } from '../../src/audit/index.ts';

const key = (tabId: number) => `audit:${tabId}`;

/** Keeps the audit in chrome.storage.session (per tab, cleared when the browser closes). */
export async function loadAudit(tabId: number): Promise<AuditState | null> {
  try {
    const stored = await chrome.storage.session.get(key(tabId));
    const value = stored[key(tabId)] as AuditState | undefined;
    return value &&
      (value.kind === 'recording' || value.kind === 'finished') &&
      Array.isArray(value.iterations)
      ? value
      : null;
  } catch {
    return null;
  }
}

export async function saveAudit(tabId: number, state: AuditState): Promise<void> {
  try {
    if (state.kind === 'off') await chrome.storage.session.remove(key(tabId));
    else await chrome.storage.session.set({ [key(tabId)]: state });
  } catch {
    // Storage full or unavailable: the audit still works for this panel's lifetime.
  }
}
