/**
 * The server's own limits, on the real router: a header block trickled slowly is cut off, a
 * connection past the cap is refused, and the open cost API answers 429 with Retry-After past its
 * per-address limit (while other surfaces keep answering).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../../src/main.js';
import { createHttpServer, type Route, sendJson } from '../../src/server/http.js';
import { createLogger } from '../../src/server/log.js';
import { answerOf, openRaw } from './raw.js';

const hello: Route = { method: 'GET', path: '/hello', handler: (_req, res) => sendJson(res, 200, { hello: 1 }) };

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

const connections = (s: Server) => new Promise<number>((r) => s.getConnections((_e, n) => r(n)));

async function listen(s: Server): Promise<number> {
  server = s;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

describe('connection limits', () => {
  it('closes a connection whose headers never finish, with a 408', async () => {
    const port = await listen(
      createHttpServer([hello], createLogger('error'), { headersTimeoutMs: 300, checkIntervalMs: 50 }),
    );
    const socket = await openRaw(port);
    const answer = answerOf(socket);
    // A slowloris client: the request line and one header, then nothing more.
    socket.write('GET /hello HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ');
    expect((await answer).status).toBe(408);
  });

  it('refuses connections past the cap, and serves again once they close', async () => {
    const port = await listen(createHttpServer([hello], createLogger('error'), { maxConnections: 2 }));
    const held = [await openRaw(port), await openRaw(port)];
    const third = await openRaw(port);
    // Past the cap the server closes the connection without reading a byte.
    const refused = answerOf(third);
    third.write('GET /hello HTTP/1.1\r\nhost: x\r\n\r\n');
    expect((await refused).status).toBe(0);
    for (const s of held) s.destroy();
    while ((await connections(server as Server)) > 0) await new Promise((r) => setImmediate(r));
    expect((await fetch(`http://127.0.0.1:${port}/hello`)).status).toBe(200);
  });
});

describe('connections per client address', () => {
  it('lets one address hold only its share, while another address is still served', async () => {
    const server = createHttpServer([hello], createLogger('error'), {
      maxConnections: 10,
      maxConnectionsPerAddress: 2,
    });
    const port = await listen(server);
    const held = [await openRaw(port), await openRaw(port)];
    const third = await openRaw(port);
    const refused = answerOf(third);
    third.write('GET /hello HTTP/1.1\r\nhost: x\r\n\r\n');
    expect((await refused).status).toBe(0);
    // Another client (another loopback address) is not held up by the first one's connections.
    const other = await openRaw(port, '127.0.0.2');
    const served = answerOf(other);
    other.write('GET /hello HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect((await served).status).toBe(200);
    for (const s of held) s.destroy();
    server.close();
  });
});

describe('GET /api/cost per client address', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 429 with Retry-After past COST_API_PER_MINUTE, and /healthz still answers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cost-limit-'));
    const running = await start({
      PORT: '0',
      DATABASE_PATH: join(dir, 'tutor.db'),
      LOG_LEVEL: 'error',
      COST_API_PER_MINUTE: '3',
    });
    const base = `http://127.0.0.1:${running.port}`;
    try {
      const ask = () => fetch(`${base}/api/cost?q=${encodeURIComponent('1M queries/day at $0.01')}`);
      for (let i = 0; i < 3; i += 1) expect((await ask()).status).toBe(200);
      const limited = await ask();
      expect(limited.status).toBe(429);
      const seconds = Number(limited.headers.get('retry-after'));
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/try again in \d+ s/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
