import type { RequestRecord } from '../server/server.js';

const paint = (code: number, text: string) => `\x1b[${code}m${text}\x1b[0m`;

function statusColor(status: number): number {
  if (status === 0) return 35; // magenta: no response at all
  if (status >= 500) return 31;
  if (status >= 400) return 33;
  return 32;
}

const fixtureNote = ({ outcome, name }: NonNullable<RequestRecord['fixture']>) => (name ? `${outcome}=${name}` : outcome);

const OUTCOME_NOTE = { sent: '', dropped: ' (connection dropped)', aborted: ' (client went away)' } as const;

/**
 * One line per request: method, path, model, stream or not, status, duration,
 * the rule that answered, and why an answer is an error. Only what the record holds, so no header (or key) is ever logged.
 */
export function formatRecord(record: RequestRecord, color: boolean): string {
  const status = record.status === 0 ? 'fault' : String(record.status);
  const parts = [
    record.method,
    record.path,
    ...(record.model ? [record.model] : []),
    ...(record.stream === undefined ? [] : [`stream=${record.stream}`]),
    color ? paint(statusColor(record.status), status) : status,
    color ? paint(2, `${Math.round(record.durationMs)}ms`) : `${Math.round(record.durationMs)}ms`,
    ...(record.rule ? [color ? paint(36, `rule=${record.rule}`) : `rule=${record.rule}`] : []),
    ...(record.fixture ? [color ? paint(36, fixtureNote(record.fixture)) : fixtureNote(record.fixture)] : []),
    ...(record.reason ? [record.reason] : []),
    ...(record.unmatched && record.status >= 400 ? [`unmatched: ${record.unmatched}`] : []),
  ];
  return parts.join(' ') + OUTCOME_NOTE[record.outcome];
}

export function requestLogger(out: NodeJS.WriteStream): (record: RequestRecord) => void {
  const color = out.isTTY === true && !process.env['NO_COLOR'];
  return (record) => {
    out.write(`${formatRecord(record, color)}\n`);
  };
}
