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
    let chunks: Buffer[] | null = [];
    let size = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) chunks = null;
      else chunks?.push(chunk);
    });
    req.once('end', () => {
      ended = true;
      if (!chunks) return resolve(null);
      // One chunk is the common case for small JSON bodies: no concat copy.
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      // Chunks are views of the socket's read buffer: holding them (this closure lives as long as
      // the request) keeps that whole buffer alive and makes the GC work much harder under load.
      chunks.length = 0;
      resolve(text);
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!ended) reject(new Error('the client closed the connection before the body ended'));
    });
  });
}
