/**
 * The server logs one JSON line per event on stdout, and many tests provoke errors on purpose (a
 * dead Slack, a 403 from Teams). Those lines are kept per test and printed only when the test
 * fails, so a green run reads as green; `TEST_LOGS=1` shows them all.
 */
import { beforeEach } from 'vitest';

const isLogLine = (chunk: unknown) => typeof chunk === 'string' && chunk.startsWith('{"time":');

if (!process.env.TEST_LOGS) {
  let kept: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (isLogLine(chunk)) {
      kept.push(chunk as string);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;

  beforeEach(({ onTestFailed }) => {
    kept = [];
    onTestFailed(() => {
      if (kept.length > 0) console.log(`server log of this test:\n${kept.join('')}`);
    });
  });
}
