import { afterEach, describe, expect, it } from 'vitest';
import { textResponse } from '../src/base/text-response.js';
import { toWebResponse } from '../src/base/web.js';
import { createMock } from '../src/index.js';
import { coreOf } from '../src/mock/mock.js';

// What a caller can see of a Response's body, one step at a time: a value, or the error it got.
const decoder = new TextDecoder();
const STEPS: Record<string, (res: Response) => unknown> = {
  text: (res) => res.text(),
  json: (res) => res.json(),
  arrayBuffer: async (res) => decoder.decode(await res.arrayBuffer()),
  bytes: async (res) => decoder.decode(await res.bytes()),
  blob: async (res) => {
    const blob = await res.blob();
    return [blob.type, await blob.text()];
  },
  formData: async (res) => Array.from(await res.formData()),
  retype: (res) => res.headers.set('content-type', 'application/x-www-form-urlencoded'),
  untype: (res) => res.headers.delete('content-type'),
  type: (res) => res.headers.get('content-type'),
  bodyUsed: (res) => res.bodyUsed,
  stream: async (res) => {
    const reader = res.body!.getReader();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    return text;
  },
  locked: (res) => res.body?.locked,
  clone: async (res) => {
    const copy = res.clone();
    return [copy.status, copy.headers.get('x-id'), copy.headers.get('content-type'), copy.bodyUsed, await copy.text(), res.bodyUsed];
  },
};

async function observe(res: Response, steps: string[]): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (const step of steps) {
    try {
      seen.push({ [step]: await STEPS[step]!(res) });
    } catch (error) {
      seen.push({ [step]: `${(error as Error).name}: ${(error as Error).message}` });
    }
  }
  return seen;
}

/** Every sequence of `length` steps. */
function sequences(length: number): string[][] {
  if (length === 0) return [[]];
  return sequences(length - 1).flatMap((start) => Object.keys(STEPS).map((step) => [...start, step]));
}

describe('textResponse', () => {
  const init = { status: 201, statusText: 'Made', headers: { 'content-type': 'application/json', 'x-id': '7' } };
  const untyped = { status: 200, headers: { 'x-id': '8' } };

  it.each(['{"answer":"Grüße 👋"}', '{"cut": ', '', 'a=1&b=two'])(
    'reads as a standard Response of the same text would, in any order of calls: %j',
    async (text) => {
      for (const given of [init, untyped]) {
        for (const steps of [...sequences(1), ...sequences(2), ...sequences(3)]) {
          const standard = await observe(new Response(text, given), steps);
          expect({ steps, seen: await observe(textResponse(text, given), steps) }).toEqual({ steps, seen: standard });
        }
      }
    },
  );

  it('reads the text without a stream: Response.prototype.text on it sees the empty body it was built with', async () => {
    const res = textResponse('{"a":1}', init);
    expect(await Response.prototype.text.call(res)).toBe('');
    expect(await res.json()).toEqual({ a: 1 });
  });

  describe('on another global Response', () => {
    const Platform = globalThis.Response;
    afterEach(() => {
      globalThis.Response = Platform;
    });

    it('extends the global Response of the moment (msw swaps it while it listens)', async () => {
      class Swapped extends Platform {}
      globalThis.Response = Swapped;
      const res = textResponse('{"a":1}', init);
      expect(res).toBeInstanceOf(Swapped);
      expect(await res.text()).toBe('{"a":1}');
      globalThis.Response = Platform;
      expect(textResponse('{}', init)).not.toBeInstanceOf(Swapped);
    });

    it('is a standard Response where the platform keeps the body state in fields of its own (happy-dom)', async () => {
      class Fields extends Platform {
        constructor(body?: BodyInit | null, options?: ResponseInit) {
          super(body, options);
          Object.defineProperty(this, 'bodyUsed', { value: false, writable: true });
        }
      }
      globalThis.Response = Fields;
      const res = textResponse('{"a":1}', init);
      expect(Object.getPrototypeOf(res) === Fields.prototype).toBe(true);
      expect(await res.text()).toBe('{"a":1}');
    });

    it('has no bytes() where the platform has none', () => {
      class NoBytes extends Platform {}
      Object.defineProperty(NoBytes.prototype, 'bytes', { value: undefined });
      globalThis.Response = NoBytes;
      expect(typeof textResponse('{}', init).bytes).toBe('undefined');
    });
  });

  it('is a Response, with the status and headers it was given', () => {
    const res = textResponse('{}', init);
    expect(res).toBeInstanceOf(Response);
    expect([res.status, res.statusText, res.ok, res.headers.get('x-id'), res.type]).toEqual([201, 'Made', true, '7', 'default']);
  });

  it('its clones are read apart from it', async () => {
    const res = textResponse('{"a":1}', init);
    const copy = res.clone();
    expect(await copy.json()).toEqual({ a: 1 });
    expect([res.bodyUsed, copy.bodyUsed]).toEqual([false, true]);
    expect(await res.text()).toBe('{"a":1}');
  });
});

describe('answers read back as their text', () => {
  const headers = { 'content-type': 'application/json' };
  // Decoding UTF-8 drops a leading byte order mark and turns a lone surrogate into U+FFFD.
  it.each(['\ufeff{"a":1}', '{"a":"\ud800"}', '{"a":"\udc00 \ud83d\ude00"}', '{"a":"plain 😀"}'])(
    'a raw answer %j reads as fetch would give it',
    async (text) => {
      const res = await toWebResponse({ kind: 'json', status: 200, headers, body: text, raw: true }, undefined, true);
      expect(await res.text()).toBe(await new Response(text).text());
    },
  );

  it.each([204, 205, 304])('a %i has no body at all', async (status) => {
    const res = await toWebResponse({ kind: 'json', status, headers, body: { ignored: true } }, undefined, true);
    expect([res.body, await res.text()]).toEqual([null, '']);
  });

  it('a plan whose body is undefined has no body', async () => {
    const res = await toWebResponse({ kind: 'json', status: 200, headers, body: undefined }, undefined, true);
    expect([res.body, await res.text()]).toEqual([null, '']);
  });

  it('mock.fetch answers JSON with a text Response, msw handlers (which read every body as a stream) with the standard one', async () => {
    const mock = createMock();
    const url = 'http://x/v1/chat/completions';
    const init = { method: 'POST', headers, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }) };
    const standard = (res: Response) => Object.getPrototypeOf(res) === Response.prototype;
    // mock.fetch read in place (url, init) and from a Request; the msw handlers' resolver answers through the core's respond.
    const answers = [await mock.fetch(url, init), await mock.fetch(new Request(url, init)), await coreOf(mock).respond(new Request(url, init))];
    expect(answers.map(standard)).toEqual([false, false, true]);
    for (const res of answers) expect((await res.json()).object).toBe('chat.completion');
  });

  it('through mock.fetch, an answer read as a stream is the text read whole', async () => {
    // A fixed clock: two calls a second apart would differ in `created`.
    const mock = createMock({ now: () => 1_800_000_000_000 });
    const call = () =>
      mock.fetch('http://x/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
      });
    const [whole, streamed] = [await call(), await call()];
    // Two answers to one body differ only in their ids.
    const withoutId = (text: string) => text.replace(/"id":"chatcmpl-\w+"/, '');
    const text = await whole.text();
    expect(JSON.parse(text).object).toBe('chat.completion');
    expect(withoutId(await new Response(streamed.body).text())).toBe(withoutId(text));
  });
});
