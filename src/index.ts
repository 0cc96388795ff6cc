/** `completions-mock`: the mock itself; runs anywhere fetch does (no node: imports). */
export { createMock } from './mock/mock.js';
export type { ChatMock } from './mock/mock.js';
export type { MockOptions } from './mock/options.js';
export type { JournalEntry, RequestBody } from './mock/journal.js';
export { defineEndpoint } from './endpoints/endpoint.js';
export type { AnswerContext, Checked, Endpoint, RequestView } from './endpoints/endpoint.js';
export { memoryStore, type FixtureStore } from './record/store.js';
export type { Fixture } from './record/fixture.js';
export type { Mode, Fetch } from './record/fixtures.js';
export { defineScenario } from './scenarios/define.js';
export { ScenarioError } from './scenarios/validate.js';
export type { ActionSpec, ErrorActionSpec, LatencySpec, MessageMatch, ReplySpec, Rule, RuleMatch, Scenario, ToolCallSpec } from './scenarios/types.js';
export type { Conversation } from './spec/conversation.js';
export type { EmbeddingsRequest, EmbeddingsResponse } from './endpoints/embeddings/request.js';
export { chatCompletionChunkSchema, chatCompletionSchema, errorResponseSchema, modelListSchema, modelSchema } from './spec/response-schemas.js';
export { chatCompletionRequestSchema } from './spec/request-schema.js';
export type * from './spec/types.js';
export type {
  FunctionCallItem,
  FunctionCallOutputItem,
  InputItem,
  InputMessageItem,
  InputPart,
  ItemReference,
  ResponsesRequest,
  ResponsesTool,
  ResponsesToolChoice,
  TextFormat,
} from './endpoints/responses/types.js';
export { responsesRequestSchema } from './endpoints/responses/schema.js';
