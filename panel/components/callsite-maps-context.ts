import { createContext } from 'preact';
import type { CallsiteMaps } from '../../src/sourcemap/index.ts';

/** The panel's source-map resolver for callsite links (the controller's); null where no page is inspected. */
export const CallsiteMapsContext = createContext<CallsiteMaps | null>(null);
