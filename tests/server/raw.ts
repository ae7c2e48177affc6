/**
 * A raw TCP client for requests fetch() will not send: unreadable request targets, bodies trickled
 * in chunks, headers that never finish. Resolves with what the server answered before it closed.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status code of the first response line, or 0 when the server closed without answering. */
  readonly status: number;
  readonly text: string;
}

export function openRaw(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

/** True once `text` holds one whole response (by Content-Length or the last chunk). */
export function isComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = text.slice(0, end);
  if (/transfer-encoding: chunked/i.test(head)) return text.endsWith('0\r\n\r\n');
  const length = /content-length: (\d+)/i.exec(head)?.[1];
  return length !== undefined && text.length >= end + 4 + Number(length);
}

/** Collects what the server sends until one whole response arrived or it closed the connection. */
export function answerOf(socket: Socket, until: (text: string) => boolean = isComplete): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    const done = () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (until(text)) {
        socket.destroy();
        done();
      }
    });
    // Writes racing the server's close may fail; what it answered is still in `text`.
    socket.on('error', () => {});
    socket.on('close', done);
  });
}

/** Sends `head` (request line and headers, with the blank line) and reads one answer. */
export async function rawRequest(port: number, head: string): Promise<RawAnswer> {
  const socket = await openRaw(port);
  const answer = answerOf(socket);
  socket.write(head);
  return answer;
}

/** POSTs `totalBytes` as a chunked body in 64 KB chunks, each write waiting for the socket to drain. */
export async function chunkedPost(
  port: number,
  path: string,
  headers: Record<string, string>,
  totalBytes: number,
): Promise<RawAnswer & { sentBytes: number }> {
  const socket = await openRaw(port);
  const answer = answerOf(socket);
  const lines = Object.entries({ host: '127.0.0.1', 'transfer-encoding': 'chunked', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(`POST ${path} HTTP/1.1\r\n${lines}\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sentBytes = 0;
  let closed = false;
  socket.once('close', () => {
    closed = true;
  });
  while (sentBytes < totalBytes && !closed) {
    const ok = socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    sentBytes += chunk.length;
    if (!ok) await new Promise((r) => socket.once('drain', r).once('close', r));
  }
  if (!closed) socket.write('0\r\n\r\n');
  return { ...(await answer), sentBytes };
}
