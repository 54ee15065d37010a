// Placeholder; replaced by the isolated-world relay.
export {};
