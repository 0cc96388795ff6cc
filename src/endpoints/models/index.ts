import { errorPlan } from '../../base/errors.js';
import { modelObject, type ModelInfo } from '../../spec/models.js';
import { defineEndpoint, jsonOk, type Endpoint } from '../endpoint.js';

/** `GET /models` and `GET /models/{id}`, over the models the other endpoints serve. */
export function modelEndpoints(models: () => readonly ModelInfo[]): Endpoint<null, never>[] {
  return [
    defineEndpoint<null, never>({
      name: 'models.list',
      method: 'GET',
      path: '/models',
      answer: () => jsonOk({ object: 'list', data: models().map(modelObject) }),
    }),
    defineEndpoint<null, never>({
      name: 'models.retrieve',
      method: 'GET',
      path: '/models/{id+}',
      answer(_, { params }) {
        const info = models().find((model) => model.id === params['id']);
        if (info) return jsonOk(modelObject(info));
        return errorPlan({ status: 404, message: `The model '${params['id']}' does not exist`, param: 'model', code: 'model_not_found' });
      },
    }),
  ];
}
