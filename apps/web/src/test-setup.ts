import { LOCALES } from './features/i18n/locales';
import { loadMessages } from './features/i18n/messages';

// Screens load Hindi and Punjabi when chosen; unit tests format in every language from the start.
await Promise.all(LOCALES.map(loadMessages));
