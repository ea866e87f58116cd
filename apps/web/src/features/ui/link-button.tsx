import Link from 'next/link';
import type { ComponentProps } from 'react';
import { buttonBase, buttonVariants } from './styles';
import type { ButtonVariant } from './styles';

type LinkButtonProps = ComponentProps<typeof Link> & { variant?: ButtonVariant };

export function LinkButton({ variant = 'secondary', className = '', ...rest }: LinkButtonProps) {
  return <Link className={`${buttonBase} ${buttonVariants[variant]} ${className}`} {...rest} />;
}
