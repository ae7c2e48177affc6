import { createHash } from 'node:crypto';
import type { Sql } from './sql/sql.js';

/** What a download link makes when it is opened: a description, never the file itself. */
export interface DownloadLink {
  readonly kind: string;
  readonly workspaceId: string;
}

export interface DownloadLinkRepository {
  /** Remembers a link until `expiresAt`. Only the token's SHA-256 is stored: a copy of the database opens nothing. */
  put(token: string, link: DownloadLink, times: { createdAt: number; expiresAt: number }): Promise<void>;
  /** The link for `token`, while it has not expired at `at`. */
  get(token: string, at: number): Promise<DownloadLink | undefined>;
}

const PUT = `INSERT INTO download_links (token_hash, kind, workspace_id, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?)`;
const GET = `SELECT kind, workspace_id AS "workspaceId" FROM download_links
  WHERE token_hash = ? AND expires_at > ?`;
const SWEEP = `DELETE FROM download_links WHERE token_hash IN
  (SELECT token_hash FROM download_links WHERE expires_at <= ? LIMIT 100)`;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export function downloadLinkRepository(sql: Sql): DownloadLinkRepository {
  return {
    async put(token, link, { createdAt, expiresAt }) {
      // Links are made one at a time by people: a small sweep with each keeps the table at the live ones.
      await sql.run(SWEEP, [createdAt]);
      await sql.run(PUT, [hashOf(token), link.kind, link.workspaceId, createdAt, expiresAt]);
    },
    get: (token, at) => sql.get<DownloadLink>(GET, [hashOf(token), at]),
  };
}
