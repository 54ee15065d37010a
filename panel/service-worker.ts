// Placeholder; replaced by the debugger-lifecycle worker.
export {};
