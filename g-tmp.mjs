import { loadEncoder } from './dist/generate/tokens.js';
if (process.argv[2] === 'enc') await loadEncoder('o200k_base');
if (process.argv[2] === 'mock') { const { createMock } = await import('./dist/index.js'); const m = createMock(); await m.handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) }); }
let keep = [];
for (let i = 0; i < 3e6; i++) { keep.push({ a: i, b: 'x' + i }); if (keep.length > 100) keep = []; }
