/** Public surface of src/audit/: what the panel, the command line and the content scripts use. */
export { type AuditState, finishAudit, markIteration, startAudit } from './state.ts';
