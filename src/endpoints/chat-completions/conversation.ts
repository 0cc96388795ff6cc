import type { AnswerKnobs, GenerationRequest } from '../../spec/conversation.js';
import type { ChatCompletionRequest } from '../../spec/types.js';

/** A chat request in the neutral form: its messages and tools as they are. */
export function chatGeneration(req: ChatCompletionRequest): GenerationRequest {
  const knobs: AnswerKnobs = {
    n: req.n ?? 1,
    maxTokens: req.max_completion_tokens ?? req.max_tokens ?? undefined,
    stop: req.stop,
    logprobs: req.logprobs === true,
    topLogprobs: req.top_logprobs ?? 0,
    reasoningEffort: req.reasoning_effort,
  };
  return {
    conversation: {
      model: req.model,
      messages: req.messages,
      tools: req.tools,
      toolChoice: req.tool_choice,
      parallelToolCalls: req.parallel_tool_calls,
      format: req.response_format,
      seed: req.seed,
    },
    knobs,
  };
}
