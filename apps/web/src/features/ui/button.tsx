import type { ButtonHTMLAttributes } from 'react';
import { buttonBase, buttonVariants } from './styles';
import type { ButtonVariant } from './styles';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
}

export function Button({ variant = 'primary', className = '', type, ...rest }: ButtonProps) {
  return (
    <button
      type={type === 'submit' ? 'submit' : 'button'}
      className={`${buttonBase} ${buttonVariants[variant]} ${className}`}
      {...rest}
    />
  );
}
