/** Public surface of src/protocol/: what the panel, the command line and the content scripts use. */
export {
  type Callsite,
  type HookBatch,
  type HookCounts,
  LIMITS,
  type ListenerRecord,
  MAILBOX_EVENTS,
  type PanelToRelay,
  type PanelToWorker,
  PROTOCOL_VERSION,
  RECORD_FROM_START_MARKER,
  type RelayToHook,
  type RelayToPanel,
  recordFromStartScript,
  type TargetKind,
  type TimerKind,
  type TimerRecord,
} from './messages.ts';
export { parseHookBatch, parsePanelToRelay, parseRelayToPanel } from './validate.ts';
