// The baseline: a bare node:http server answering a fixed body, as fast as node:http goes.
import { createServer } from 'node:http';

const json = process.env.BENCH_JSON ?? '{}';
const sse = process.env.BENCH_SSE ?? 'data: [DONE]\n\n';
// With BENCH_HEADERS ({ json, sse }), the headers the mock sends with each (the API's: request id, rate limits...).
const extra = process.env.BENCH_HEADERS ? JSON.parse(process.env.BENCH_HEADERS) : undefined;
const server = createServer({ keepAlive: true, noDelay: true }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const stream = JSON.parse(Buffer.concat(chunks).toString() || '{}').stream === true;
    const body = stream ? sse : json;
    const headers = {
      ...extra?.[stream ? 'sse' : 'json'],
      'content-type': stream ? 'text/event-stream' : 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
