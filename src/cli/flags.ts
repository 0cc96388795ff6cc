import { InvalidArgumentError } from 'commander';

/** Flag value parsers: commander turns their errors into one `error: option '--x' argument 'v' is invalid. ...` line. */

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('Expected an integer from 0 to 65535 (0 picks a free port).');
  return port;
}

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(seed)) throw new InvalidArgumentError('Expected an integer.');
  return seed;
}

export function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('Expected an http(s) base URL like https://api.openai.com/v1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('Expected an http(s) URL.');
  return value;
}

/** For repeatable flags (`--scenario a --scenario b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export { MODES, type Mode } from '../record/fixtures.js';
