import { hexId } from '../../base/ids.js';

/** Ids shaped like the real API's: a prefix (`resp_`) and 50 hex digits, fresh per response. */
export const itemId = (prefix: string, bytes = 25): string => hexId(prefix, bytes);
