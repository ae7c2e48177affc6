import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { seal, tokenKey, unseal } from '../../src/store/token-crypto.js';
import { parseTokenKey } from '../../src/store/token-key.js';

const current = tokenKey(randomBytes(32));
const old = tokenKey(randomBytes(32));
const installation = { team: { id: 'T1' }, bot: { token: 'xoxb-secret-value' } };

describe('sealed installations', () => {
  it('open with the key that sealed them, and say when that was a previous key', () => {
    expect(unseal(seal(installation, 'T:T1', current), 'T:T1', { current, previous: [] })).toEqual({
      value: installation,
      stale: false,
    });
    expect(unseal(seal(installation, 'T:T1', old), 'T:T1', { current, previous: [old] }).stale).toBe(true);
    // Plaintext from an older release is read, and marked for sealing.
    expect(unseal(installation, 'T:T1', { current, previous: [] })).toEqual({ value: installation, stale: true });
  });

  it('do not open when altered, moved to another row, or with a key not configured', () => {
    const sealed = seal(installation, 'T:T1', current);
    const keys = { current, previous: [] };
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(StoreError);
        expect((e as Error).message).toContain('TOKEN_ENCRYPTION_KEY');
        return (e as StoreError).code;
      }
      return 'opened';
    };
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(codeOf(() => unseal({ ...sealed, data: flipped.toString('base64') }, 'T:T1', keys))).toBe('store_token_key');
    expect(codeOf(() => unseal(sealed, 'T:T2', keys))).toBe('store_token_key');
    expect(codeOf(() => unseal(seal(installation, 'T:T1', old), 'T:T1', keys))).toBe('store_token_key');
    expect(JSON.stringify(sealed)).not.toContain('xoxb');
  });
});

describe('parseTokenKey', () => {
  it('takes 32 bytes as hex or base64 (standard or URL-safe), nothing else', () => {
    const bytes = randomBytes(32);
    expect(parseTokenKey(bytes.toString('hex'))?.equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('base64'))?.equals(bytes)).toBe(true);
    expect(parseTokenKey(bytes.toString('base64url'))?.equals(bytes)).toBe(true);
    expect(parseTokenKey(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(parseTokenKey(randomBytes(31).toString('base64'))).toBeUndefined();
    expect(parseTokenKey('correct horse battery staple')).toBeUndefined();
  });
});
