import type { CdpTransport } from '../../cdp/transport.ts';
import type { PageSession } from '../session.ts';
import type { ScanOptions, ScanPhase } from '../types.ts';

export const DEFAULT_BUDGET = { ms: 10_000, objects: 1_000_000 };
/** Levels walked on from registered callbacks once every tree is explained (for their second holders). */
export const HOLDER_LEVELS = 8;
/** Removed frames' windows reported with their chains (a page that keeps thousands gets the first ones). */
export const KEPT_WINDOW_LIMIT = 50;
/** Timers whose callback's definition is looked up after the search (one CDP call each; pages rarely have more). */
export const TIMER_DEFINITION_LIMIT = 200;

/** What every phase of one scan shares: the session, the options, the clock and the notes so far. */
export interface ScanContext {
  s: PageSession;
  transport: CdpTransport;
  opts: ScanOptions;
  budget: { ms: number; objects: number };
  t0: number;
  notes: string[];
  progress: (phase: ScanPhase, done: number, total: number) => void;
}

export interface FrameNode {
  frame: { id: string; loaderId: string; url: string };
  childFrames?: FrameNode[];
}

export interface FrameTree {
  frameTree: FrameNode;
}
