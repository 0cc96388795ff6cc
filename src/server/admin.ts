import type { ChatMock } from '../mock/mock.js';
import { errorPlan } from '../base/errors.js';
import type { JsonPlan } from '../base/plan.js';

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
    return errorPlan({ status: 405, code: null, message: `${method} is not allowed on ${clean}; use ${methods.join(' or ')}`, headers: { allow: methods.join(', ') } });
  }
  switch (`${method} ${clean}`) {
    case 'GET /__mock/health': {
      // Memory in MB, so a load test can watch the mock's footprint from outside.
      const { rss, heapUsed } = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 1048576);
      return ok({ status: 'ok', uptimeSeconds: Math.round(process.uptime()), memoryMb: { rss: mb(rss), heapUsed: mb(heapUsed) } });
    }
    case 'GET /__mock/requests':
      return ok(mock.requests);
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
