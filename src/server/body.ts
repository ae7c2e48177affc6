/**
 * Reads a request body into memory, counting the bytes that actually arrive: a declared
 * Content-Length over the limit is refused at once, and a chunked (or lying) body is cut off the
 * moment it passes the limit, so nothing downstream (Bolt, botbuilder) ever buffers more.
 */
import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly status: 400 | 413; readonly error: string };

const tooLarge = { ok: false, status: 413, error: 'request body too large' } as const;
const aborted = { ok: false, status: 400, error: 'request aborted' } as const;

export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        done(tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) });
    const onError = () => done(aborted);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}
