export { createMock } from './core/mock.js';
export type { ChatMock, Handled, MockOptions } from './core/mock.js';
export type { JournalEntry } from './core/journal.js';
export type { MockRequest, Plan, JsonPlan, StreamPlan, FaultPlan, StreamEvent } from './core/plan.js';
export { toWebResponse, fromWebRequest } from './core/web.js';
export { defineScenario } from './scenarios/define.js';
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
