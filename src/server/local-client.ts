/**
 * Whether a request really comes from this machine: for a mode that trusts local clients (Teams'
 * TEAMS_LOCAL_CLIENTS for the Emulator and the Agents Playground). Anything relayed onto this
 * machine by a reverse proxy or tunnel carries one of the usual proxy headers and is not local.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** A URL on this machine (e.g. a local client's mock service). */
export function isLocalUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopbackAddress(host);
  } catch {
    return false;
  }
}

/** Headers a reverse proxy or tunnel adds: their presence means the client is not really local. */
export const PROXY_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-original-forwarded-for',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'via',
] as const;

export const proxyHeaderOf = (req: IncomingMessage): string | undefined =>
  PROXY_HEADERS.find((name) => req.headers[name] !== undefined);

/** Why a request is not from a local client, or undefined when it is. */
export function notLocal(req: IncomingMessage): string | undefined {
  const proxied = proxyHeaderOf(req);
  if (proxied) return `proxy header ${proxied}`;
  return isLoopbackAddress(req.socket.remoteAddress) ? undefined : 'remote address';
}

/**
 * The address for links back to this server: PUBLIC_URL when configured, else the local address
 * this connection reached. Never a request header: a client could name any host.
 */
export function publicBaseUrl(configured: string | undefined, req: IncomingMessage): string {
  if (configured) return configured.replace(/\/+$/, '');
  const address = req.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  const host = isIP(address) === 6 ? `[${address}]` : address || '127.0.0.1';
  return `http://${host}:${req.socket.localPort ?? 80}`;
}
