import type { Config } from '../config.js';
import type { Store } from './index.js';
import { seal, type TokenKeys, tokenKey, unseal } from './token-crypto.js';
import { parseTokenKey } from './token-key.js';

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
export async function resealInstallations(store: Store, keys: TokenKeys): Promise<number> {
  const stale = (await store.installations.list())
    .map((row) => ({ id: row.id, opened: unseal(row.installation, row.id, keys) }))
    .filter((row) => row.opened.stale);
  await store.installations.rewrite(
    stale.map((row) => ({ id: row.id, installation: seal(row.opened.value, row.id, keys.current) })),
  );
  return stale.length;
}
