import type { ComponentChildren } from 'preact';

export type BannerTone = 'ok' | 'warn' | 'bad' | 'info';

/**
 * A state the person must see at a glance (photographed or not, offline, outbox waiting): colour and words, never
 * colour alone. Announced politely to screen readers.
 */
export function StatusBanner({ tone, children }: { tone: BannerTone; children: ComponentChildren }) {
  return (
    <div class={`banner banner-${tone}`} role="status">
      {children}
    </div>
  );
}
