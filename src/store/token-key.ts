/**
 * The key for Slack bot tokens at rest: 32 bytes, written as 64 hex characters or as base64.
 * Pure (no database, no environment), so the config schema can validate it by name.
 */
export const TOKEN_KEY_BYTES = 32;

/** The key's bytes, or undefined when the text is not 32 bytes in hex or base64. */
export function parseTokenKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === TOKEN_KEY_BYTES) return bytes;
  }
  return undefined;
}

export const TOKEN_KEY_FORMAT = `must be ${TOKEN_KEY_BYTES} random bytes as 64 hex characters or base64 (e.g. \`openssl rand -base64 32\`)`;
