import { chainShape, formatBytes } from '../format.ts';
import type { Callsite, Claims, LeakRule, ScanResult, Suspect } from '../types.ts';
import { MB, raise, severityForBytes } from './thresholds.ts';

const FIX_ACCIDENTAL =
  'Declare the variable (let/const inside the function that uses it); "use strict" makes such assignments throw instead of creating globals.';
const FIX_LARGE =
  'Keep large data in the scope that needs it, or clear the global when the data is no longer shown.';

const where = (at: Callsite | null) => (at?.functionName ? ` in ${at.functionName}()` : '');

/**
 * Accidental globals (the page's sloppy code assigns a name it never declares) and globals that hold a lot of data.
 * A global set as a property of window (a library's `e.React = …`) is an export: only its size can make it a suspect.
 */
export class GlobalRule implements LeakRule {
  readonly kind = 'global' as const;

  apply(scan: ScanResult, claimed: Claims): Suspect[] {
    const out: Suspect[] = [];
    for (const g of scan.globals) {
      if (claimed.globals.has(g.name)) continue;
      const chain = [
        {
          holder: g.declaration === 'lexical' ? 'script' : 'window',
          edge: g.name,
          edgeKind: g.declaration === 'lexical' ? ('lexical' as const) : ('global' as const),
          object: g.description,
        },
      ];
      const big = severityForBytes(g.reach.bytes);
      const size = g.reach.bytes >= MB ? ` and reaches at least ${formatBytes(g.reach.bytes)}` : '';
      const accident = g.declaration === 'assigned' ? g.undeclaredAssignment : null;
      if (accident && g.valueType !== 'function') {
        claimed.globals.add(g.name);
        out.push({
          kind: 'global',
          severity: big ? raise(big === 'info' ? 'low' : big) : 'low',
          title: `Accidental global \`${g.name}\`: assigned${where(accident.at)} but never declared${size}`,
          evidence: {
            objects: g.reach.objects,
            bytes: g.reach.bytes,
            detail: `${g.valueType} ${g.description}`,
          },
          chain,
          callsite: accident.at,
          fix: FIX_ACCIDENTAL,
          count: 1,
          shape: chainShape('global', chain),
        });
      } else if (big) {
        claimed.globals.add(g.name);
        out.push({
          kind: 'global',
          severity: big,
          title: `Global \`${g.name}\` keeps at least ${formatBytes(g.reach.bytes)} (${g.reach.objects.toLocaleString('en-US')} objects) for the page's lifetime`,
          evidence: {
            objects: g.reach.objects,
            bytes: g.reach.bytes,
            detail: `${g.valueType} ${g.description}`,
          },
          chain,
          callsite: null,
          fix: FIX_LARGE,
          count: 1,
          shape: chainShape('global', chain),
        });
      }
    }
    return out;
  }
}
