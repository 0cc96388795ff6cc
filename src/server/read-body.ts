import type { IncomingMessage } from 'node:http';

/** Largest request body accepted; past it the answer is a 413. */
export const BODY_LIMIT = 10 * 1024 * 1024;

/** Whether the request announces a body at all (GETs usually do not, so they skip reading). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the body as UTF-8 text, or resolves `null` when it is larger than
 * `limit`. An oversized body is still drained (and thrown away, so memory
 * stays bounded) before the 413 goes out: answering while the client is still
 * uploading makes most clients report a reset connection instead of the 413.
 * Rejects when the client goes away before the body ends.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length) chunks = []; // too large: keep draining, hold nothing
    };
    const onEnd = () => {
      // One chunk is the common case for small JSON bodies: no concat copy.
      const text = size > limit ? null : chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      settle();
      resolve(text);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onClose = () => onError(new Error('the client closed the connection before the body ended'));
    // Let go of everything once settled: listeners left on a request keep this closure and the
    // chunks (views of the socket's whole read buffer) alive as long as the request object,
    // which under load means extra GC work. IncomingMessage drops its own later errors when
    // no 'error' listener is left, so removing ours is safe.
    const settle = () => {
      chunks = [];
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
