/**
 * The files a download link can make, each from a description that waits in the database
 * (server/downloads.ts), so whichever instance serves the link makes the same file.
 */
import type { Catalog } from '../core/content/catalog.js';
import type { DownloadRequest, DownloadResolver } from '../server/downloads.js';
import type { Store } from '../store/index.js';
import { teamReportCsv } from './reports.js';

const TEAM_REPORT_CSV = 'team-report-csv';

/** The link's description for a workspace's team report; made only after the manager check. */
export const teamReportDownload = (workspaceId: string): DownloadRequest => ({ kind: TEAM_REPORT_CSV, workspaceId });

/** Makes the file a link describes, as of when it is opened. */
export function downloadResolver(deps: { store: Store; catalog: Catalog; now: () => number }): DownloadResolver {
  return async ({ kind, workspaceId }) => {
    if (kind !== TEAM_REPORT_CSV) return undefined;
    const now = deps.now();
    return {
      name: `team-report-${new Date(now).toISOString().slice(0, 10)}.csv`,
      type: 'text/csv',
      body: await teamReportCsv(deps.store, deps.catalog, workspaceId, now),
    };
  };
}
