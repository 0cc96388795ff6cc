import { loadScenarioFiles } from './scenario-files.js';

export async function validate(paths: string[]): Promise<void> {
  const scenarios = await loadScenarioFiles(paths);
  process.stdout.write(`ok: ${scenarios.length} scenario(s)\n`);
}
