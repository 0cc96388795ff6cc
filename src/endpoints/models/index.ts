import { errorPlan } from '../../base/errors.js';
import { apiHeaders, JSON_TYPE } from '../../base/headers.js';
import type { JsonPlan } from '../../base/plan.js';
import { modelObject, type ModelInfo } from '../../spec/models.js';
import { defineEndpoint, type Endpoint } from '../endpoint.js';

const json = (body: unknown): JsonPlan => ({ kind: 'json', status: 200, headers: apiHeaders(JSON_TYPE, 1), body });

/** `GET /models` and `GET /models/{id}`, over the models the other endpoints serve. */
export function modelEndpoints(models: () => readonly ModelInfo[]): Endpoint<null, never>[] {
  return [
    defineEndpoint<null, never>({
      name: 'models.list',
      method: 'GET',
      path: '/models',
      answer: () => json({ object: 'list', data: models().map(modelObject) }),
    }),
    defineEndpoint<null, never>({
      name: 'models.retrieve',
      method: 'GET',
      path: '/models/{id+}',
      answer(_, { params }) {
        const info = models().find((model) => model.id === params['id']);
        if (info) return json(modelObject(info));
        return errorPlan({ status: 404, message: `The model '${params['id']}' does not exist`, param: 'model', code: 'model_not_found' });
      },
    }),
  ];
}
