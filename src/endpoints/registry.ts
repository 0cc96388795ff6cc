import type { ModelInfo } from '../spec/models.js';
import type { Endpoint } from './endpoint.js';
import { safeDecode } from '../base/uri.js';

/** A request matched to an endpoint, whatever prefix the client's base URL adds. */
export interface Routed {
  endpoint: Endpoint<any, any>;
  params: Record<string, string>;
  /** The path after the prefix, as sent: what the recorder appends to its upstream base URL. */
  relative: string;
}

interface Compiled {
  endpoint: Endpoint<any, any>;
  pattern: RegExp;
  names: string[];
  /** The path's fixed head (`/chat/completions`): a prefix ending in it is a base URL set one level too deep. */
  head: string;
  /** What every matching path ends with: a cheap test before the pattern's. */
  tail: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(endpoint: Endpoint<any, any>): Compiled {
  const names: string[] = [];
  let source = '';
  for (const part of endpoint.path.split(/(\{[a-z_]+\+?\})/i)) {
    const param = /^\{([a-z_]+)(\+?)\}$/i.exec(part);
    if (!param) source += escape(part);
    else {
      names.push(param[1]!);
      source += param[2] ? '(.+)' : '([^/]+)';
    }
  }
  // The prefix is as short as possible: the endpoint's path is the tail of the request's.
  const tail = endpoint.path.slice(endpoint.path.lastIndexOf('}') + 1);
  return { endpoint, names, pattern: new RegExp(`^(.*?)${source}$`), head: endpoint.path.split('{')[0]!.replace(/\/$/, ''), tail };
}

/** The endpoints a mock serves, in order; the first whose method and path fit a request answers it. */
export class Registry {
  readonly #compiled: Compiled[];

  constructor(readonly endpoints: ReadonlyArray<Endpoint<any, any>>) {
    const seen = new Set<string>();
    for (const endpoint of endpoints) {
      const key = `${endpoint.method} ${endpoint.path}`;
      if (seen.has(key)) throw new TypeError(`two endpoints serve ${key}`);
      seen.add(key);
    }
    this.#compiled = endpoints.map(compile);
  }

  route(method: string, path: string): Routed | undefined {
    const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    for (const { endpoint, pattern, names, head, tail } of this.#compiled) {
      if (endpoint.method !== method || !clean.endsWith(tail)) continue;
      const found = pattern.exec(clean);
      if (!found) continue;
      const prefix = found[1]!;
      if (head && prefix.endsWith(head)) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = safeDecode(found[i + 2]!)));
      return { endpoint, params, relative: clean.slice(prefix.length) };
    }
    return undefined;
  }

  /** `POST /chat/completions`, ...: for the 404 text and the docs. */
  served(): string[] {
    return this.endpoints.map((e) => `${e.method} ${e.path.replace(/\{(\w+)\+\}/g, '{$1}')}`);
  }

  /** The methods a browser may use, for CORS preflights. */
  methods(): string[] {
    const used = new Set<string>(this.endpoints.map((e) => e.method));
    return [...['GET', 'POST', 'DELETE'].filter((m) => used.has(m)), 'OPTIONS'];
  }

  #models?: ModelInfo[];

  /** The models the endpoints serve, each once, for `GET /models` (the endpoints never change: made once). */
  models(): ModelInfo[] {
    if (!this.#models) {
      const byId = new Map<string, ModelInfo>();
      for (const endpoint of this.endpoints) for (const model of endpoint.models ?? []) if (!byId.has(model.id)) byId.set(model.id, model);
      this.#models = [...byId.values()];
    }
    return this.#models;
  }
}

/**
 * The endpoint part of a path the registry does not know, for recording it:
 * what follows the API version (`/v1/audio/speech` -> `/audio/speech`), else the whole path.
 */
export function relativePath(path: string): string {
  const version = /\/v\d+(?:alpha|beta)?(?=\/)/g;
  let end = -1;
  for (let m = version.exec(path); m; m = version.exec(path)) end = m.index + m[0].length;
  return end >= 0 ? path.slice(end) : path;
}
