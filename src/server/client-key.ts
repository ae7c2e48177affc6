/**
 * Who a connection is, for per-client limits: its own address, never a forwarded header a client
 * could invent. An IPv6 client is counted by its /64, which one host usually owns whole, so rotating
 * addresses inside it buys nothing.
 */
import { isIP } from 'node:net';

export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.replace(/^::ffff:/, '');
  if (isIP(plain) !== 6) return plain;
  // Expand "::" so the first four groups are the /64 prefix.
  const [head = '', tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups.slice(0, 4).join(':')}::/64`;
}
