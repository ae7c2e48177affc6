import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from '../store/index.js';

/** The id an installation is kept under: the org for org-wide installs, else the workspace. */
const keyOf = (isEnterpriseInstall: boolean | undefined, enterpriseId?: string, teamId?: string) =>
  isEnterpriseInstall && enterpriseId ? `E:${enterpriseId}` : `T:${teamId ?? ''}`;

/** Bolt's installation store on our SQLite table, so OAuth installs survive restarts. */
export function sqliteInstallationStore(store: Store): InstallationStore {
  return {
    async storeInstallation(installation) {
      const id = keyOf(installation.isEnterpriseInstall, installation.enterprise?.id, installation.team?.id);
      store.installations.save(id, installation);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = store.installations.get(keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId));
      if (!found) throw new Error('No installation for this workspace; install the app again from /slack/install.');
      return found.installation as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      store.installations.remove(keyOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId));
    },
  };
}
