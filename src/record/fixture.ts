import { stableStringify } from '../base/hash.js';
import type { Headers, StreamEvent } from '../base/plan.js';

/** Bumped when the file format changes; files of a version not readable here are reported, not misread. */
export const FIXTURE_VERSION = 2;
/** Version 2 added SSE event names to stream chunks; version 1 files are version 2 files without them. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** One recorded interaction, as stored in `<slug>-<hash>.json`. */
export interface Fixture {
  version: number;
  /** Identity hash (of the normalised request and its order); also in the file name. */
  hash: string;
  /** Position among identical requests: 0 for the first, 1 for the second... */
  order: number;
  recordedAt: string;
  request: {
    method: string;
    /** The endpoint, whatever prefix the caller used: `/chat/completions`, `/models`. */
    path: string;
    /** Request headers without credentials. */
    headers: Headers;
    /** The normalised body that the identity hashes (null for GET). */
    body: unknown;
  };
  response: {
    status: number;
    headers: Headers;
    /** A JSON (or text) body, for answers that were not streamed. */
    body?: unknown;
    /** A stream's events (`data:` payload, `event:` name if any) with the delay before each, as recorded. */
    chunks?: StreamEvent[];
  };
}

function sortKeys(value: unknown): unknown {
  return JSON.parse(stableStringify(value)) as unknown;
}

/** Pretty-printed with sorted keys, so recordings diff cleanly in review. */
export function serializeFixture(fixture: Fixture): string {
  return `${JSON.stringify(sortKeys(fixture), null, 2)}\n`;
}

export function isFixture(value: unknown): value is Fixture {
  const f = value as Partial<Fixture> | null;
  return !!f && typeof f === 'object' && typeof f.hash === 'string' && typeof f.order === 'number' && !!f.request && !!f.response;
}

const isHeaders = (value: unknown): boolean =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/**
 * What is wrong with a fixture that parsed as one, or undefined: a file from
 * another format version, a status no HTTP response has, headers or chunks of
 * the wrong shape. Such files are reported and skipped, never replayed.
 */
export function fixtureProblem(fixture: Fixture): string | undefined {
  if (!READABLE_VERSIONS.includes(fixture.version))
    return `format version ${JSON.stringify(fixture.version)}; this completions-mock reads versions ${READABLE_VERSIONS.join(' and ')} (record it again)`;
  const { status, headers, chunks } = fixture.response;
  if (!Number.isInteger(status) || status < 200 || status > 599) return `response.status ${JSON.stringify(status)} is not an HTTP status (200 to 599)`;
  if (!isHeaders(headers)) return 'response.headers must map names to strings';
  const chunkOk = (c: StreamEvent) =>
    c &&
    typeof c.data === 'string' &&
    (c.event === undefined || (typeof c.event === 'string' && !/[\r\n]/.test(c.event))) &&
    (c.delayMs === undefined || (typeof c.delayMs === 'number' && c.delayMs >= 0));
  if (chunks !== undefined && !(Array.isArray(chunks) && chunks.every(chunkOk))) {
    return 'response.chunks must be a list of { event?, data, delayMs }';
  }
  return undefined;
}
