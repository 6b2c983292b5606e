import type { JSX } from 'preact';

/** An input inside its label, the label's words above it: full width, a 48 px touch target. */
export function TextField({
  label,
  ...input
}: { label: string } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label' | 'class'>) {
  return (
    <label class="field">
      <span>{label}</span>
      <input class="input" {...input} />
    </label>
  );
}
