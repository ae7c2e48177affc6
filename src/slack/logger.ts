import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../server/log.js';

/**
 * Bolt's logger interface on top of our structured logger, so Bolt's own messages are JSON lines
 * and pass through the same redaction. Bolt at debug level prints payloads: we never go below info.
 */
export function boltLogger(log: Logger): BoltLogger {
  const join = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: () => {},
    info: (...msg) => log.info('slack.bolt', { message: join(msg) }),
    warn: (...msg) => log.warn('slack.bolt', { message: join(msg) }),
    error: (...msg) => log.error('slack.bolt', { message: join(msg) }),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
