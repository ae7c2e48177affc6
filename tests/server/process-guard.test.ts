import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/faulty.ts', import.meta.url));

function run(faults: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', fixture],
      { env: { PATH: process.env.PATH ?? '', FAULTS: String(faults) } },
      (_error, stdout) => resolve({ code: child.exitCode, out: stdout }),
    );
  });
}

describe('faults that escape a request', () => {
  it('are logged without secrets, and the process keeps serving', async () => {
    const { code, out } = await run(2);
    expect(out).toContain('"event":"process.unhandled_rejection"');
    expect(out.match(/"event":"process\.uncaught_exception"/g)).toHaveLength(2);
    expect(out).toContain('still serving');
    expect(out).not.toContain('xoxb-1234-secret-token');
    expect(code).toBe(0);
  });

  it('end the process with exit code 1 when they come in a burst', async () => {
    const { code, out } = await run(11);
    expect(out).toMatch(/"action":"exiting: 11 in 60 s"/);
    expect(out).not.toContain('still serving');
    expect(code).toBe(1);
  });
});
