/**
 * Bot tokens at rest: each Slack installation is sealed with AES-256-GCM before it is written, so
 * the database file (and its WAL) never holds a token in the clear. A sealed value names the key it
 * was sealed with (a short id derived from the key), which makes rotation possible: the new key
 * seals, old keys still open, and rows sealed with an old key are sealed again with the new one.
 * The row id is bound in as associated data, so a sealed value moved to another row does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';

export interface TokenKey {
  /** First 8 hex digits of SHA-256(key): names the key in stored values without revealing it. */
  readonly id: string;
  readonly key: Buffer;
}

export interface TokenKeys {
  /** Seals every write. */
  readonly current: TokenKey;
  /** Still open older rows during a rotation. */
  readonly previous: readonly TokenKey[];
}

/** How a sealed installation is stored: still JSON (the column checks json_valid). */
export interface Sealed {
  readonly sealed: 'aes-256-gcm';
  readonly kid: string;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

export const tokenKey = (key: Buffer): TokenKey => ({
  id: createHash('sha256').update(key).digest('hex').slice(0, 8),
  key,
});

export function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.sealed === 'aes-256-gcm' &&
    typeof v.kid === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.data === 'string'
  );
}

export function seal(plain: unknown, rowId: string, key: TokenKey): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(rowId, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
  return {
    sealed: 'aes-256-gcm',
    kid: key.id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export interface Opened {
  readonly value: unknown;
  /** True when the stored value is plaintext (an older release) or sealed with a previous key. */
  readonly stale: boolean;
}

/** Opens a stored value (sealed, or plaintext from before encryption); a key problem is a StoreError naming the variable. */
export function unseal(stored: unknown, rowId: string, keys: TokenKeys): Opened {
  if (!isSealed(stored)) return { value: stored, stale: true };
  const key = [keys.current, ...keys.previous].find((k) => k.id === stored.kid);
  if (!key) throw keyError(rowId, `it was sealed with key ${stored.kid}, which is not among them`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(stored.iv, 'base64'));
    decipher.setAAD(Buffer.from(rowId, 'utf8'));
    decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(stored.data, 'base64')), decipher.final()]);
    return { value: JSON.parse(text.toString('utf8')), stale: key !== keys.current };
  } catch (cause) {
    throw keyError(rowId, 'it does not open with that key (altered, or moved from another row)', cause);
  }
}

function keyError(rowId: string, why: string, cause?: unknown): StoreError {
  return new StoreError(
    'store_token_key',
    `The Slack installation ${rowId} cannot be read with TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_KEY_PREVIOUS: ${why}. ` +
      'Set TOKEN_ENCRYPTION_KEY to the key the tokens were saved with (or keep the old one in ' +
      'TOKEN_ENCRYPTION_KEY_PREVIOUS while rotating); see docs/security.md.',
    { cause },
  );
}
