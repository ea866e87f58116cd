import type { Locale } from '../locales';
import { en } from './en';
import type { Messages } from './en';
import { hi } from './hi';
import { pa } from './pa';

export const MESSAGES: Record<Locale, Messages> = { en, hi, pa };
