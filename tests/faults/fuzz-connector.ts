/**
 * A Bot Connector for the fuzz run: answers every send, reply and update with an id and keeps
 * nothing (the test harness's FakeConnector records every call, which 10,000 turns would pile up).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startTeamsConnectorForFuzz(): Promise<{ url: string; close(): Promise<void> }> {
  let sequence = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.method === 'GET' ? { id: '29:x', name: 'X', aadObjectId: 'aad-x' } : { id: `a-${++sequence}` };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
