import { useEffect, useState } from 'preact/hooks';
import type { Store } from './store.ts';

/** Re-renders the calling component whenever the store changed (at most once per animation frame). */
export function useStore(store: Store): number {
  const [revision, setRevision] = useState(store.revision);
  useEffect(() => store.subscribe(() => setRevision(store.revision)), [store]);
  return revision;
}
