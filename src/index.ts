export { createMock } from './mock/mock.js';
export type { ChatMock, Handled, MockOptions, TransportOptions } from './mock/mock.js';
export { memoryStore, type FixtureStore } from './record/store.js';
export type { Fixture } from './record/fixture.js';
export type { Mode, Fetch } from './record/fixtures.js';
export type { JournalEntry } from './mock/journal.js';
export type { MockRequest, Plan, JsonPlan, StreamPlan, FaultPlan, StreamEvent } from './base/plan.js';
export { toWebResponse, fromWebRequest } from './base/web.js';
export { defineScenario } from './scenarios/define.js';
export { ScenarioError } from './scenarios/validate.js';
export type {
  ActionSpec,
  ErrorActionSpec,
  LatencySpec,
  MessageMatch,
  ReplySpec,
  Rule,
  RuleMatch,
  Scenario,
  ToolCallSpec,
} from './scenarios/types.js';
export {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  errorResponseSchema,
  modelListSchema,
  modelSchema,
} from './spec/response-schemas.js';
export { chatCompletionRequestSchema } from './spec/request-schema.js';
export type * from './spec/types.js';
