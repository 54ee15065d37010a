import type { ComponentChildren } from 'preact';

export function EmptyState({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="ls-view ls-scroll">
      <div class="ls-empty" role="status">
        <h2>{title}</h2>
        <p>{children}</p>
      </div>
    </div>
  );
}
