import { errorPlan, maskKey } from '../base/errors.js';
import type { JsonPlan, MockRequest } from '../base/plan.js';

function presentedKey(req: MockRequest): string | undefined {
  const auth = req.headers['authorization'];
  if (auth) return auth.replace(/^Bearer\s+/i, '').trim();
  return req.headers['api-key'] ?? req.headers['x-api-key'];
}

/** With `apiKeys` configured, only those keys pass; the rest get the real API's 401. */
export function checkAuth(req: MockRequest, apiKeys: ReadonlySet<string>): JsonPlan | undefined {
  if (apiKeys.size === 0) return undefined;
  const key = presentedKey(req);
  if (!key) {
    return errorPlan({
      status: 401,
      code: null,
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    });
  }
  if (apiKeys.has(key)) return undefined;
  return errorPlan({
    status: 401,
    code: 'invalid_api_key',
    message: `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  });
}
