import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDownloads, DOWNLOAD_TTL_MS, type DownloadRequest } from '../../src/server/downloads.js';
import { createHttpServer } from '../../src/server/http.js';
import { createLogger } from '../../src/server/log.js';
import { makeWorld, type World } from '../helpers/world.js';

let world: World | undefined;
afterEach(() => {
  world?.close();
  world = undefined;
});

describe('short-lived download links', () => {
  it('download what the resolver makes from the stored description for ten minutes, then answer 404', async () => {
    world = makeWorld();
    const w = world;
    let now = 1_000_000;
    const asked: DownloadRequest[] = [];
    const downloads = createDownloads({
      path: '/api/reports',
      suffix: '.csv',
      store: w.store,
      now: () => now,
      resolve: async (request) => {
        asked.push(request);
        return request.kind === 'numbers'
          ? { name: 'team-report.csv', type: 'text/csv', body: `n,${asked.length}` }
          : undefined;
      },
    });
    const server = createHttpServer([downloads.route], createLogger('error'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const url = await downloads.link(base, { kind: 'numbers', workspaceId: 'teams:T1' });
      expect(url).toMatch(new RegExp(`^${base}/api/reports/[A-Za-z0-9_-]{43}\\.csv$`));
      expect(asked).toEqual([]);
      // The database holds the token's hash, never the token a copy of it could open the link with.
      const token = /reports\/([^.]+)\.csv/.exec(url)?.[1] ?? '';
      const stored = w.db.prepare('SELECT * FROM download_links').all() as Record<string, unknown>[];
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(stored[0]).toMatchObject({ kind: 'numbers', workspace_id: 'teams:T1' });

      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(ok.headers.get('content-disposition')).toBe('attachment; filename="team-report.csv"');
      expect(await ok.text()).toBe('n,1');
      expect(asked).toEqual([{ kind: 'numbers', workspaceId: 'teams:T1' }]);
      // Made afresh each time it is opened.
      expect(await (await fetch(url)).text()).toBe('n,2');
      expect((await fetch(`${base}/api/reports/${'x'.repeat(43)}.csv`)).status).toBe(404);
      // A kind this build cannot make (a link from a newer release) is gone, not a fault.
      expect((await fetch(await downloads.link(base, { kind: 'future', workspaceId: 'teams:T1' }))).status).toBe(404);
      now += DOWNLOAD_TTL_MS + 1;
      const gone = await fetch(url);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toContain('expired');
      // Expired links are swept when the next one is made.
      await downloads.link(base, { kind: 'numbers', workspaceId: 'teams:T1' });
      expect(w.db.prepare('SELECT count(*) AS n FROM download_links').get()).toEqual({ n: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
