/**
 * Detached trees that are not a leak in the making: a library's small cache (jQuery's support-test <div>, a cached
 * <a>, a runtime's template container), a <template> (never part of the page), a node detached once that stays
 * the same scan after scan. They are still reported, below what grows.
 */
import type { DetachedTree } from '../../live/types.ts';
import { chainShape } from '../format.ts';
import type { ScanResult, Severity } from '../types.ts';
import { sameDocument } from './history.ts';

/** At most this many nodes is "a lone element" (an element and its text). */
const TINY_NODES = 2;
/** Fewer nodes than this is "small" (the threshold severityForNodes calls low). */
const SMALL_NODES = 10;

export interface Standing {
  severity: Severity;
  /** Why it is ranked where it is, for the suspect's detail. */
  note: string;
}

/** The same tree in another scan: its top (without id), size and the chain that holds it. */
export function treeKey(tree: DetachedTree): string {
  return chainShape('tree', tree.chain, `${tree.root.replace(/ id="[^"]*"/, '')}|${tree.nodeCount}`);
}

function countByKey(scan: ScanResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of scan.detached) out.set(treeKey(t), (out.get(treeKey(t)) ?? 0) + 1);
  return out;
}

const lower = (s: Severity): Severity => (s === 'high' ? 'medium' : s === 'medium' ? 'low' : 'info');

/**
 * How a tree with a proven chain ranks, given its severity by size: null keeps it (it grew, or nothing says
 * otherwise). Constant across this document's earlier scans: one notch lower, info when small. On one scan: a
 * <template>, or a lone element no other tree repeats, is info (libraries cache such nodes; one that grows shows up
 * repeated, or as growth on the next scan).
 */
export function standingOf(
  tree: DetachedTree,
  scan: ScanResult,
  history: readonly ScanResult[],
  bySize: Severity,
): Standing | null {
  const key = treeKey(tree);
  const here = countByKey(scan).get(key) ?? 0;
  const earlier = sameDocument(scan, history);
  if (earlier.length > 0 && earlier.every((h) => countByKey(h).get(key) === here)) {
    const n = earlier.length + 1;
    return {
      severity: tree.nodeCount < SMALL_NODES ? 'info' : lower(bySize),
      note: `the same ${here === 1 ? 'tree' : `${here} trees`} in each of the last ${n} scans: not growing`,
    };
  }
  if (earlier.some((h) => (countByKey(h).get(key) ?? 0) < here)) return null;
  if (/^<template[ >]/.test(tree.root))
    return {
      severity: 'info',
      note: 'a <template> is never part of the page (its content is a separate document); template caches keep them',
    };
  if (tree.nodeCount <= TINY_NODES && here === 1)
    return {
      severity: 'info',
      note: 'a single small element kept by code, as libraries cache them; it matters if it grows — scan again after using the page',
    };
  return null;
}
