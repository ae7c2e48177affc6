import { describe, expect, it } from 'vitest';
import { isLocalUrl, isLoopbackAddress, notLocal, publicBaseUrl } from '../../src/server/local-client.js';

const req = (
  headers: Record<string, string>,
  localAddress = '127.0.0.1',
  localPort = 3978,
  remoteAddress = '127.0.0.1',
) =>
  ({ headers, socket: { localAddress, localPort, remoteAddress } }) as unknown as Parameters<typeof publicBaseUrl>[1];

describe('local clients', () => {
  it('builds links from PUBLIC_URL, else from the address the server listens on, never from a header', () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(publicBaseUrl('https://tutor.example.com/', req(forged))).toBe('https://tutor.example.com');
    expect(publicBaseUrl(undefined, req(forged))).toBe('http://127.0.0.1:3978');
    expect(publicBaseUrl(undefined, req({}, '::ffff:127.0.0.1', 4000))).toBe('http://127.0.0.1:4000');
    expect(publicBaseUrl(undefined, req({}, '::1', 4000))).toBe('http://[::1]:4000');
  });

  it('knows what is on this machine', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:192.168.1.2', undefined]) expect(isLoopbackAddress(a)).toBe(false);
    expect(isLocalUrl('http://localhost:56150/_connector')).toBe(true);
    expect(isLocalUrl('http://[::1]:3000/')).toBe(true);
    expect(isLocalUrl('https://smba.trafficmanager.net/emea/')).toBe(false);
    expect(isLocalUrl('not a url')).toBe(false);
  });

  it('refuses what a proxy relayed or a remote address sent', () => {
    expect(notLocal(req({}))).toBeUndefined();
    expect(notLocal(req({ 'x-forwarded-for': '203.0.113.9' }))).toBe('proxy header x-forwarded-for');
    expect(notLocal(req({}, '127.0.0.1', 3978, '203.0.113.9'))).toBe('remote address');
  });
});
