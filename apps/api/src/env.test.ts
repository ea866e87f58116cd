import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, fastifyTrustProxy, loadEnv } from './env';

describe('loadEnv', () => {
  it('runs development with a generated secret and the documented defaults', () => {
    const config = loadEnv({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 8000,
      dataDir: './data',
      demo: false,
      jwtSecretGenerated: true,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadEnv({}).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('refuses production without a strong JWT secret', () => {
    for (const JWT_SECRET of [undefined, '', 'changeme', 'short-secret']) {
      expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET })).toThrow(ConfigError);
    }
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwtSecretGenerated).toBe(
      false,
    );
  });

  it('refuses demo accounts in production', () => {
    expect(() =>
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO: '1' }),
    ).toThrow(/DEMO/);
  });

  it('names the bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('trusts a proxy by hop count or by address, never every peer', () => {
    const trust = (TRUST_PROXY?: string) => loadEnv({ TRUST_PROXY }).trustProxy;
    expect(trust(undefined)).toEqual(['loopback']);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.7,loopback,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'loopback',
      'fd00::/8',
    ]);
    for (const off of ['', '0', 'false', 'no']) expect(trust(off)).toBe(false);
    for (const everyone of ['true', 'yes', 'on', '*']) {
      expect(() => trust(everyone)).toThrow(/any client choose its own address/);
    }
    expect(() => trust('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trust('proxy.internal')).toThrow(/proxy\.internal/);
  });
});

describe('the client address Fastify derives from X-Forwarded-For', () => {
  async function clientAddress(trustProxy: string, peer: string, forwardedFor: string) {
    const app = Fastify({
      trustProxy: fastifyTrustProxy(loadEnv({ TRUST_PROXY: trustProxy }).trustProxy),
    });
    app.get('/', (request) => ({ ip: request.ip }));
    const response = await app.inject({
      url: '/',
      remoteAddress: peer,
      headers: { 'x-forwarded-for': forwardedFor },
    });
    await app.close();
    return response.json().ip as string;
  }

  it('is what the nearest trusted proxy saw, whatever the client wrote before it', async () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; one proxy appended the address it saw.
    expect(await clientAddress('1', '10.0.0.5', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(await clientAddress('10.0.0.0/8', '10.0.0.5', '6.6.6.6, 203.0.113.9')).toBe(
      '203.0.113.9',
    );
    // Two proxies in front: the second's peer is the first proxy.
    expect(await clientAddress('2', '10.0.0.5', '6.6.6.6, 203.0.113.9, 10.0.0.4')).toBe(
      '203.0.113.9',
    );
  });

  it('is the peer itself when the peer is not a trusted proxy', async () => {
    expect(await clientAddress('loopback', '203.0.113.9', '6.6.6.6')).toBe('203.0.113.9');
    expect(await clientAddress('0', '127.0.0.1', '6.6.6.6')).toBe('127.0.0.1');
  });
});

describe('loadEnv for a deployment', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };

  it('warns when DATABASE_URL is set and NODE_ENV is not', () => {
    const databaseUrl = 'postgresql://healthsync@db:5432/healthsync';
    expect(loadEnv({ DATABASE_URL: databaseUrl }).startupWarnings).toEqual([
      expect.stringMatching(/^NODE_ENV is not set but DATABASE_URL is/),
    ]);
    expect(loadEnv({ DATABASE_URL: databaseUrl, NODE_ENV: 'development' }).startupWarnings).toEqual(
      [],
    );
    expect(loadEnv({ ...production, DATABASE_URL: databaseUrl }).startupWarnings).toEqual([]);
    expect(loadEnv({}).startupWarnings).toEqual([]);
  });

  it('reads DATABASE_REPLICA_URLS as a list of PostgreSQL URLs beside DATABASE_URL', () => {
    const primary = { DATABASE_URL: 'postgresql://healthsync@db:5432/healthsync' };
    expect(loadEnv(primary).databaseReplicaUrls).toEqual([]);
    expect(
      loadEnv({
        ...primary,
        DATABASE_REPLICA_URLS:
          ' postgresql://healthsync@replica-1:5432/healthsync, postgresql://healthsync@replica-2:5432/healthsync,',
      }).databaseReplicaUrls,
    ).toEqual([
      'postgresql://healthsync@replica-1:5432/healthsync',
      'postgresql://healthsync@replica-2:5432/healthsync',
    ]);
    expect(() => loadEnv({ ...primary, DATABASE_REPLICA_URLS: 'replica-1:5432' })).toThrow(
      /DATABASE_REPLICA_URLS/,
    );
    expect(() =>
      loadEnv({ DATABASE_REPLICA_URLS: 'postgresql://healthsync@replica-1:5432/healthsync' }),
    ).toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
  });

  it('closes /metrics and the docs in production unless opened explicitly', () => {
    expect(loadEnv(production)).toMatchObject({ metricsPublic: false, docsPublic: false });
    expect(loadEnv({ ...production, METRICS_PUBLIC: '1', DOCS_PUBLIC: 'yes' })).toMatchObject({
      metricsPublic: true,
      docsPublic: true,
    });
    expect(loadEnv({})).toMatchObject({ metricsPublic: true, docsPublic: true });
    expect(loadEnv({ DOCS_PUBLIC: '0' }).docsPublic).toBe(false);
  });
});
