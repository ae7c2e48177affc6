import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { seal, type TokenKeys, tokenKey, unseal } from '../store/token-crypto.js';
import { parseTokenKey } from '../store/token-key.js';

/** The id an installation is kept under: the org for org-wide installs, else the workspace. */
const keyOf = (isEnterpriseInstall: boolean | undefined, enterpriseId?: string, teamId?: string) =>
  isEnterpriseInstall && enterpriseId ? `E:${enterpriseId}` : `T:${teamId ?? ''}`;

/** The query that finds a workspace's installation: its org's when the org installed the app org-wide. */
export const installationQuery = (teamId: string, enterpriseId?: string): InstallationQuery<boolean> =>
  enterpriseId
    ? { teamId, enterpriseId, isEnterpriseInstall: true }
    : { teamId, enterpriseId: undefined, isEnterpriseInstall: false };

const ORG_SETTING = 'slackOrgInstall';

/**
 * Notes, on the workspace, the org whose org-wide install serves it (an Enterprise Grid install is
 * kept under `E:<org>`, and the scheduler knows only the workspace). Written when it changes.
 */
export function rememberOrgInstall(
  store: Store,
  teamId: string,
  context: { isEnterpriseInstall?: boolean; enterpriseId?: string },
): void {
  const org = context.isEnterpriseInstall ? context.enterpriseId : undefined;
  const id = `slack:${teamId}`;
  const settings = store.workspaces.get(id)?.settings ?? store.workspaces.ensure({ id, platform: 'slack' }).settings;
  const noted = typeof settings[ORG_SETTING] === 'string' ? settings[ORG_SETTING] : undefined;
  if (noted !== org) store.workspaces.setSettings(id, { ...settings, [ORG_SETTING]: org ?? null });
}

/** The installation query for a workspace id (`slack:T…`), by what rememberOrgInstall noted. */
export function installationQueryOf(store: Store, workspaceId: string): InstallationQuery<boolean> {
  const org = store.workspaces.get(workspaceId)?.settings[ORG_SETTING];
  return installationQuery(workspaceId.replace(/^slack:/, ''), typeof org === 'string' ? org : undefined);
}

/** The keys from the (already validated) configuration: the current one seals, previous ones still open. */
export function tokenKeysOf(config: Config): TokenKeys {
  const parse = (text: string, name: string) => {
    const key = parseTokenKey(text);
    if (!key) throw new Error(`${name} is not a valid key`); // readConfig has checked it already
    return tokenKey(key);
  };
  return {
    current: parse(config.TOKEN_ENCRYPTION_KEY ?? '', 'TOKEN_ENCRYPTION_KEY'),
    previous: config.TOKEN_ENCRYPTION_KEY_PREVIOUS.map((k) => parse(k, 'TOKEN_ENCRYPTION_KEY_PREVIOUS')),
  };
}

/**
 * Opens every stored installation with the keys, so a wrong or missing key stops the start with a
 * message naming the variable instead of failing each workspace's requests later; and seals again
 * with the current key whatever was plaintext (an older release) or sealed with a previous key.
 * Returns how many rows were re-sealed.
 */
export function resealInstallations(store: Store, keys: TokenKeys): number {
  const stale = store.installations
    .list()
    .map((row) => ({ id: row.id, opened: unseal(row.installation, row.id, keys) }))
    .filter((row) => row.opened.stale);
  store.installations.rewrite(
    stale.map((row) => ({ id: row.id, installation: seal(row.opened.value, row.id, keys.current) })),
  );
  return stale.length;
}

/**
 * Bolt's installation store on our SQLite table, so OAuth installs survive restarts. Bot tokens are
 * sealed with TOKEN_ENCRYPTION_KEY before they are written; rows left by older releases or sealed
 * with a previous key are re-sealed here, at start.
 */
export function sqliteInstallationStore(store: Store, keys: TokenKeys): InstallationStore {
  resealInstallations(store, keys);
  return {
    async storeInstallation(installation) {
      const id = keyOf(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id);
      store.installations.save(id, seal(installation, id, keys.current));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const id = keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
      const found = store.installations.get(id);
      if (!found) throw new Error('No installation for this workspace; install the app again from /slack/install.');
      return unseal(found.installation, id, keys).value as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      store.installations.remove(keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId));
    },
  };
}
