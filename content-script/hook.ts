// Placeholder; replaced by the MAIN-world hook.
export {};
