// @ts-check
// The PWA server's only reader of process.env.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * TRUST_PROXY names the proxies in front of this server whose X-Forwarded-For/-Proto/-Host count:
 * a comma-separated list of addresses and CIDR ranges (`127.0.0.1`, `10.0.0.0/8`, or proxy-addr's
 * `loopback` / `uniquelocal`). Unset, `0` or `false`: none — the socket's peer is the client.
 * `true` (any sender) and hop counts are refused: Fastify 5.12 treats a hop count as "trust
 * nobody" (it cannot tell a proxy from a client that reached the port directly), and `true` would
 * let a client choose the address the API sees.
 * @param {string | undefined} value
 * @returns {false | string[]}
 */
export function parseTrustProxy(value) {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === 'true' || /^\d+$/.test(text)) {
    throw new Error(
      `TRUST_PROXY=${text}: name the proxies' addresses instead (127.0.0.1 or 10.0.0.0/8, comma-separated).`,
    );
  }
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * @param {NodeJS.ProcessEnv} env
 */
export function readPwaServerEnv(env = process.env) {
  const certFile = env.TLS_CERT_FILE;
  const keyFile = env.TLS_KEY_FILE;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new Error('Set both TLS_CERT_FILE and TLS_KEY_FILE to serve TLS, or neither.');
  }
  return {
    port: Number.parseInt(env.PORT ?? '3000', 10),
    host: env.HOST ?? '0.0.0.0',
    root: path.resolve(env.OUT_DIR ?? path.join(webDir, 'out')),
    apiUrl: new URL(env.API_URL ?? 'http://127.0.0.1:8000'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    https:
      certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
