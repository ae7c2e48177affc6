import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDownloads, DOWNLOAD_TTL_MS } from '../../src/server/downloads.js';
import { createHttpServer } from '../../src/server/http.js';
import { createLogger } from '../../src/server/log.js';

describe('short-lived download links', () => {
  it('download what the content function makes for ten minutes, then answer 404', async () => {
    let now = 1_000_000;
    let made = 0;
    const downloads = createDownloads({ path: '/api/reports', suffix: '.csv', now: () => now });
    const server = createHttpServer([downloads.route], createLogger('error'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const url = downloads.link(base, async () => ({
        name: 'team-report.csv',
        type: 'text/csv',
        body: `n,${++made}`,
      }));
      expect(url).toMatch(new RegExp(`^${base}/api/reports/[A-Za-z0-9_-]{43}\\.csv$`));
      expect(made).toBe(0);
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(ok.headers.get('content-disposition')).toBe('attachment; filename="team-report.csv"');
      expect(await ok.text()).toBe('n,1');
      expect((await fetch(`${base}/api/reports/${'x'.repeat(43)}.csv`)).status).toBe(404);
      now += DOWNLOAD_TTL_MS + 1;
      expect((await fetch(url)).status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
