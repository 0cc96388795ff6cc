import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/node.js';
import { tempDir } from './helpers.js';
import { mswTransport, serverTransport } from './transports.js';

// Responses streams name every event: a fixture keeps the names, and replay sends them again.
describe('record and replay of the Responses API', () => {
  it('keeps event names and order through a recording, in-process and over HTTP', async () => {
    const dir = tempDir('responses-fixtures-');
    const upstream = await startServer({ port: 0, seed: 6 });
    const recorder = await startServer({ port: 0, mode: 'record', fixtures: dir, upstream: `${upstream.url}/v1` });
    const body = { model: 'gpt-4o', input: 'Record a Responses stream', stream: true as const };
    let recorded: Array<{ type: string; sequence_number: number }> = [];
    let recordedText = '';
    try {
      const client = new (await import('openai')).default({ apiKey: 'sk-test', baseURL: `${recorder.url}/v1`, maxRetries: 0 });
      const stream = client.responses.stream(body);
      stream.on('event', (event) => recorded.push({ type: event.type, sequence_number: event.sequence_number }));
      recordedText = (await stream.finalResponse()).output_text;
    } finally {
      await recorder.close();
      await upstream.close();
    }
    const [file] = readdirSync(dir);
    const fixture = JSON.parse(readFileSync(join(dir, file!), 'utf8'));
    const chunks = fixture.response.chunks as Array<{ event?: string; data: string }>;
    expect(chunks.map((chunk) => chunk.event)).toEqual(recorded.map((event) => event.type));
    expect(recorded[0]!.type).toBe('response.created');
    expect(recorded.at(-1)!.type).toBe('response.completed');

    for (const transport of [serverTransport, mswTransport]) {
      const run = await transport.start({ fixtures: dir });
      try {
        // Raw bytes: every event keeps its `event:` line.
        const raw = await fetch(`${run.baseURL}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.text());
        expect(
          raw
            .split('\n\n')
            .filter(Boolean)
            .every((block) => /^event: response\.[a-z_.]+\ndata: /.test(block)),
        ).toBe(true);
        run.mock.reset(); // identical requests replay in order: start again
        const replayed: typeof recorded = [];
        const stream = run.client().responses.stream(body);
        stream.on('event', (event) => replayed.push({ type: event.type, sequence_number: event.sequence_number }));
        expect((await stream.finalResponse()).output_text).toBe(recordedText);
        expect(replayed).toEqual(recorded);
        expect(run.mock.requests.at(-1)?.fixture?.outcome).toBe('replayed');
      } finally {
        await run.close();
      }
    }
  });
});
