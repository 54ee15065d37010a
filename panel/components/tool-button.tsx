import type { ComponentChildren } from 'preact';

interface Props {
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
  title?: string;
  /** Accessible name when it differs from the visible text (`Export JSON` for a button reading `JSON`). */
  label?: string;
  children: ComponentChildren;
}

/** A DevTools-style toolbar button. */
export function ToolButton({ onClick, disabled, primary, title, label, children }: Props) {
  return (
    <button
      type="button"
      class={primary ? 'ls-button ls-primary' : 'ls-button'}
      disabled={disabled}
      title={title}
      aria-label={label}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
