import { errorPlan } from '../../base/errors.js';
import { apiHeaders, JSON_TYPE } from '../../base/headers.js';
import { MODELS, modelObject } from '../../spec/models.js';
import type { JsonPlan } from '../../base/plan.js';

export function listModels(): JsonPlan {
  return {
    kind: 'json',
    status: 200,
    headers: apiHeaders(JSON_TYPE, 1),
    body: { object: 'list', data: MODELS.map(modelObject) },
  };
}

export function retrieveModel(id: string): JsonPlan {
  const info = MODELS.find((model) => model.id === id);
  if (!info) {
    return errorPlan({
      status: 404,
      message: `The model '${id}' does not exist`,
      param: 'model',
      code: 'model_not_found',
    });
  }
  return { kind: 'json', status: 200, headers: apiHeaders(JSON_TYPE, 1), body: modelObject(info) };
}
