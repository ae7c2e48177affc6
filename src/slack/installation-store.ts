import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../store/index.js';
import { resealInstallations } from '../store/installation-seal.js';
import { seal, type TokenKeys, unseal } from '../store/token-crypto.js';

/** The id an installation is kept under: the org for org-wide installs, else the workspace. */
const keyOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }) =>
  q.isEnterpriseInstall && q.enterpriseId ? `E:${q.enterpriseId}` : `T:${q.teamId ?? ''}`;

const ORG = 'slackOrgInstall';

/**
 * Notes on the workspace the org whose org-wide install serves it: an Enterprise Grid install is
 * kept under `E:<org>`, and the scheduler knows only the workspace. Written only when it changes.
 */
export async function rememberOrgInstall(
  store: Store,
  teamId: string,
  c: { isEnterpriseInstall?: boolean; enterpriseId?: string },
) {
  const org = c.isEnterpriseInstall ? c.enterpriseId : undefined;
  const id = `slack:${teamId}`;
  const settings =
    (await store.workspaces.get(id))?.settings ?? (await store.workspaces.ensure({ id, platform: 'slack' })).settings;
  if ((typeof settings[ORG] === 'string' ? settings[ORG] : undefined) !== org)
    await store.workspaces.setSettings(id, { ...settings, [ORG]: org ?? null });
}

/** The query that finds a workspace's (`slack:T…`) installation, by what rememberOrgInstall noted. */
export async function installationQueryOf(store: Store, workspaceId: string): Promise<InstallationQuery<boolean>> {
  const org = (await store.workspaces.get(workspaceId))?.settings[ORG];
  const teamId = workspaceId.replace(/^slack:/, '');
  return typeof org === 'string'
    ? { teamId, enterpriseId: org, isEnterpriseInstall: true }
    : { teamId, enterpriseId: undefined, isEnterpriseInstall: false };
}

/**
 * Bolt's installation store on our SQLite table, so OAuth installs survive restarts. Bot tokens are
 * sealed with TOKEN_ENCRYPTION_KEY before they are written; older rows are re-sealed at start.
 */
export function sqliteInstallationStore(store: Store, keys: TokenKeys): InstallationStore & { check(): Promise<void> } {
  return {
    /** Run before serving: opens every row with the keys (see resealInstallations). */
    async check() {
      await resealInstallations(store, keys);
    },
    async storeInstallation(installation) {
      const id = keyOf({ ...installation, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
      await store.installations.save(id, seal(installation, id, keys.current));
    },
    async fetchInstallation(query) {
      const id = keyOf(query);
      const found = await store.installations.get(id);
      if (!found) throw new Error('No installation for this workspace; install the app again from /slack/install.');
      return unseal(found.installation, id, keys).value as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query) {
      await store.installations.remove(keyOf(query));
    },
  };
}
