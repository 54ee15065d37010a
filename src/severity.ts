/** How urgent a finding is: one scale for suspects, reports, exports and the command line's `--fail-on`. */
export type Severity = 'info' | 'low' | 'medium' | 'high';

/** Least to most severe. */
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];

export const SEVERITY_ORDER: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };
