import { appendPath } from '../base/json-path.js';
import type { Fixture } from './fixture.js';

interface Difference {
  path: string;
  sent: unknown;
  recorded: unknown;
}

/** Leaf paths where two JSON values differ, up to `limit` of them. */
export function differences(sent: unknown, recorded: unknown, path = '', out: Difference[] = [], limit = 50): Difference[] {
  if (out.length >= limit) return out;
  if (sent && recorded && typeof sent === 'object' && typeof recorded === 'object' && Array.isArray(sent) === Array.isArray(recorded)) {
    if (Array.isArray(sent) && Array.isArray(recorded)) {
      for (let i = 0; i < Math.max(sent.length, recorded.length); i++) differences(sent[i], recorded[i], appendPath(path, i), out, limit);
    } else {
      const a = sent as Record<string, unknown>;
      const b = recorded as Record<string, unknown>;
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) differences(a[key], b[key], appendPath(path, key), out, limit);
    }
  } else if (JSON.stringify(sent) !== JSON.stringify(recorded)) {
    out.push({ path: path || 'body', sent, recorded });
  }
  return out;
}

/** Characters two strings share at their start and end. */
function sharedEnds(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return start + end;
}

const show = (value: unknown) => {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Why a request has no fixture (`message`), and, when there is a closest fixture, which and what differs (`closest`). */
export interface Miss {
  message: string;
  closest?: string;
}

/** Why a request has no fixture, naming the closest one and its first difference. */
export function explainMiss(method: string, endpoint: string, body: unknown, fixtures: Array<{ name: string; fixture: Fixture }>, location: string): Miss {
  const candidates = fixtures.filter(({ fixture }) => fixture.request.method === method && fixture.request.path === endpoint);
  if (fixtures.length === 0) {
    return {
      message: `No fixture matches ${method} ${endpoint}: ${location} holds no fixtures (is the path right? record some with --mode record or replay-or-record).`,
    };
  }
  if (candidates.length === 0) return { message: `No fixture matches ${method} ${endpoint}: none is recorded for this endpoint in ${location}.` };
  let best: { name: string; diffs: Difference[]; likeness: number } | undefined;
  for (const { name, fixture } of candidates) {
    const diffs = differences(body, fixture.request.body);
    const likeness = diffs.reduce((sum, d) => sum + sharedEnds(JSON.stringify(d.sent) ?? '', JSON.stringify(d.recorded) ?? ''), 0);
    // Fewest differences first; among equals, the one whose differing values look most alike.
    if (!best || diffs.length < best.diffs.length || (diffs.length === best.diffs.length && likeness > best.likeness)) {
      best = { name, diffs, likeness };
    }
  }
  const first = best!.diffs[0];
  const why = first
    ? `${first.path} is ${show(first.sent)} here but ${show(first.recorded)} there${best!.diffs.length > 1 ? ` (${best!.diffs.length - 1} more difference${best!.diffs.length > 2 ? 's' : ''})` : ''}`
    : 'it is identical, but every recording of it was already replayed in order; call mock.reset() (or POST /__mock/reset) to replay from the first again, or record more';
  const closest = `${best!.name}: ${why}`;
  return { message: `No fixture matches this request in ${location}. Closest: ${closest}.`, closest };
}
