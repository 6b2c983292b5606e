import type { ComponentChildren } from 'preact';

export interface ScreenProps {
  /** The screen's heading (the app's name is the page's h1, in the shell). */
  title: string;
  children?: ComponentChildren;
  /** The screen's actions, laid out as full-width buttons on a phone and in a row on a desktop. */
  actions?: ComponentChildren;
}

/** One screen of an app: a heading, its content, its actions. */
export function Screen({ title, children, actions }: ScreenProps) {
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h2 id="screen-title">{title}</h2>
      {children}
      {actions && <div class="screen-actions">{actions}</div>}
    </section>
  );
}
