/** `completions-mock/node`: the HTTP server and scenario files (Node.js only). */
export { startServer, DEFAULT_HOST, DEFAULT_PORT } from './server/server.js';
export type { CloseOptions, MockServer, RequestRecord, ServerOptions } from './server/server.js';
export { loadScenarios } from './scenarios/load.js';
export { ScenarioError, parseScenario } from './scenarios/parse.js';
export { folderStore } from './record/folder-store.js';
