import type { ComponentChildren, JSX } from 'preact';

export interface ButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'size'> {
  variant?: 'primary' | 'secondary' | 'danger';
  /** The one big action of a screen (a shutter, "scan next"): taller and larger text. */
  large?: boolean;
  children: ComponentChildren;
}

/** A button at least 48 px in both directions, so a thumb finds it on a phone held in one hand. */
export function Button({
  variant = 'primary',
  large = false,
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  const classes = ['button', `button-${variant}`, large ? 'button-large' : ''].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} class={classes}>
      {children}
    </button>
  );
}
