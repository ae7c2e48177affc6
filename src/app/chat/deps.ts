import type { RateLimiter } from '../limits.js';
import type { SurfaceDeps } from '../surface.js';

/** What the flows use: the shared services, and the per-member limit on cost estimates. */
export interface ChatDeps extends SurfaceDeps {
  readonly costLimiter: RateLimiter;
}

/** The key a per-member limit counts under. */
export const memberKey = (c: { workspaceId: string; memberId: string }): string => `${c.workspaceId}:${c.memberId}`;
