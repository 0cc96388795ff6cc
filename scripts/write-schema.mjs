// Writes scenario.schema.json (shipped for editors) from the schema the loader uses:
// `npm run schema` after changing src/scenarios/schema.ts; a test fails until then.
import { writeFileSync } from 'node:fs';
import { scenarioSchema } from '../dist/scenarios/schema.js';

writeFileSync(new URL('../scenario.schema.json', import.meta.url), `${JSON.stringify(scenarioSchema, null, 2)}\n`);
