import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, expect, vi } from 'vitest';
import { createMock, type ChatMock, type MockOptions } from '../src/index.js';
import { chatCompletionChunkSchema, chatCompletionSchema, errorResponseSchema } from '../src/spec/response-schemas.js';

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = {
  completion: ajv.compile(chatCompletionSchema),
  chunk: ajv.compile(chatCompletionChunkSchema),
  error: ajv.compile(errorResponseSchema),
};

/** Fails the test with Ajv's explanation when `value` does not fit the emitted-response schema. */
export function expectSchema(kind: keyof typeof validators, value: unknown): void {
  const validate = validators[kind];
  if (!validate(value)) {
    throw new Error(`not a valid ${kind}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 600)}`);
  }
}

export const BASE = 'http://mock.test/v1';

export function post(mock: ChatMock, body: unknown, headers: Record<string, string> = {}, path = '/chat/completions'): Promise<Response> {
  return mock.fetch(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

/** Splits an SSE body into its `data:` payloads, checking the framing on the way. */
export function parseSse(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  const events = text.slice(0, -2).split('\n\n');
  return events.map((event) => {
    expect(event.startsWith('data: ')).toBe(true);
    expect(event.includes('\n')).toBe(false);
    return event.slice('data: '.length);
  });
}

export async function streamChunks(res: Response): Promise<any[]> {
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const data = parseSse(await res.text());
  expect(data.at(-1)).toBe('[DONE]');
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
  for (const chunk of chunks) expectSchema('chunk', chunk);
  return chunks;
}

/** Concatenated content deltas of choice `index`. */
export function joinedContent(chunks: any[], index = 0): string {
  return chunks
    .flatMap((c) => c.choices)
    .filter((c: any) => c.index === index && typeof c.delta.content === 'string')
    .map((c: any) => c.delta.content)
    .join('');
}

export async function completion(mock: ChatMock, body: Record<string, unknown>): Promise<any> {
  const res = await post(mock, body);
  const json = await res.json();
  if (res.status !== 200) throw new Error(`status ${res.status}: ${JSON.stringify(json)}`);
  expectSchema('completion', json);
  return json;
}

export async function apiError(mock: ChatMock, body: unknown, status = 400, path = '/chat/completions'): Promise<any> {
  const res = await post(mock, body, {}, path);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const json = await res.json();
  expectSchema('error', json);
  return json.error;
}

export const newMock = (options?: MockOptions) => createMock(options);

export const user = (content: string) => ({ role: 'user', content });

export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Get the current weather in a given city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'The city name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city', 'unit'],
      additionalProperties: false,
    } as Record<string, unknown>,
  },
};

export interface WeatherArgs {
  city: string;
  unit: string;
}

/** weatherTool as runTools wants it: parsed arguments handed to `onCall`, whose answer goes back. */
export function runnableWeather(onCall: (args: WeatherArgs) => unknown) {
  return {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: weatherTool.function.description,
      parameters: weatherTool.function.parameters,
      parse: (text: string) => JSON.parse(text) as WeatherArgs,
      function: onCall,
    },
  };
}

let scratchRoot: string | undefined;

/** A fresh folder under one root per test file, removed after the file's tests. */
export function tempDir(prefix: string): string {
  scratchRoot ??= mkdtempSync(join(tmpdir(), 'completions-mock-tests-'));
  return mkdtempSync(join(scratchRoot, prefix));
}

afterAll(() => {
  if (scratchRoot) rmSync(scratchRoot, { recursive: true, force: true });
  scratchRoot = undefined;
});

/** A key-shaped test credential (`sk-...`), built at run time so that no key-shaped string sits in the repo. */
export const fakeKey = (rest: string): string => ['sk', rest].join('-');

/** With fake timers: `pending` has not settled `ms - 1` ms from now, and has at `ms`. Returns what it settled to. */
export async function expectSettlesAfter<T>(pending: Promise<T>, ms: number): Promise<T> {
  let settled = false;
  const watched = pending.finally(() => (settled = true));
  await vi.advanceTimersByTimeAsync(ms - 1);
  expect(settled).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(settled).toBe(true);
  return watched;
}

/** A raw HTTP request to a running server, so any path, Host, Origin or content type reaches it as written. */
export function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
