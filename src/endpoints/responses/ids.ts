import { HEX, randomString } from '../../base/ids.js';

/** Ids shaped like the real API's: a prefix and 50 hex digits (`resp_67cc...`), fresh per response. */
export const itemId = (prefix: string, bytes = 25): string => `${prefix}_${randomString(bytes * 2, HEX)}`;
