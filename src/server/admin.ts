import type { ChatMock } from '../mock/mock.js';
import { errorPlan } from '../base/errors.js';
import type { JsonPlan } from '../base/plan.js';
import type { JournalEntry } from '../mock/journal.js';

/** Admin endpoints live under this prefix, on the server only (never in the journal). */
export const ADMIN_PREFIX = '/__mock/';

const ok = (body: unknown, status = 200): JsonPlan => ({
  kind: 'json',
  status,
  headers: { 'content-type': 'application/json' },
  body,
});

const ROUTES: Record<string, string[]> = {
  '/__mock/health': ['GET'],
  '/__mock/requests': ['GET', 'DELETE'],
  '/__mock/scenario': ['PUT'],
  '/__mock/reset': ['POST'],
};

/** Answers an admin request as a plan, rendered like any other. */
export async function admin(mock: ChatMock, method: string, path: string, body: string): Promise<JsonPlan> {
  const clean = path.length > ADMIN_PREFIX.length && path.endsWith('/') ? path.slice(0, -1) : path;
  const methods = ROUTES[clean];
  if (!methods) return errorPlan({ status: 404, code: null, message: `Unknown admin endpoint ${method} ${path}. Known: ${Object.keys(ROUTES).join(', ')}` });
  if (!methods.includes(method)) {
    return errorPlan({
      status: 405,
      code: null,
      message: `${method} is not allowed on ${clean}; use ${methods.join(' or ')}`,
      headers: { allow: methods.join(', ') },
    });
  }
  switch (`${method} ${clean}`) {
    case 'GET /__mock/health': {
      // Memory in MB, so a load test can watch the mock's footprint from outside.
      const { rss, heapUsed } = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 1048576);
      return ok({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), memoryMb: { rss: mb(rss), heapUsed: mb(heapUsed) } });
    }
    case 'GET /__mock/requests':
      return journalPlan(mock.requests);
    case 'DELETE /__mock/requests':
      mock.clearRequests();
      return ok({ status: 'ok' });
    case 'POST /__mock/reset':
      mock.reset();
      return ok({ status: 'ok' });
    default:
      return putScenario(mock, body);
  }
}

/** The most the journal's JSON may take; past it the oldest entries are left out (the journal's own bound keeps far below). */
const MAX_SERVED = 200 * 1024 * 1024;

/**
 * The journal as JSON, serialised entry by entry so no single string grows
 * past what V8 allows: an entry that cannot be serialised is summarised, and
 * the oldest are left out past MAX_SERVED. It always answers.
 */
export function journalPlan(entries: readonly JournalEntry[]): JsonPlan {
  const parts: string[] = [];
  let size = 2;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    let text: string;
    try {
      text = JSON.stringify(entry);
    } catch {
      text = JSON.stringify({ ...entry, body: '[a body too large to serve]' });
    }
    size += text.length + 1;
    if (size > MAX_SERVED) break;
    parts.push(text);
  }
  return { kind: 'json', status: 200, headers: { 'content-type': 'application/json' }, body: `[${parts.reverse().join(',')}]`, raw: true };
}

async function putScenario(mock: ChatMock, text: string): Promise<JsonPlan> {
  // Loaded on first use: the YAML parser is not needed to start serving.
  const { parseScenario, ScenarioError } = await import('../scenarios/parse.js');
  try {
    const scenario = parseScenario(text, 'PUT /__mock/scenario');
    mock.setScenarios([scenario]);
    return ok({ status: 'ok', rules: scenario.rules.length });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return errorPlan({ status: 400, code: 'invalid_scenario', param: null, message: `Invalid scenario: ${error.problems.join('; ')}` });
  }
}
