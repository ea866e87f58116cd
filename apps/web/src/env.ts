/** Build-time configuration of the PWA (Next inlines these at build). The only reader of process.env. */
export const isProduction = process.env.NODE_ENV === 'production';
