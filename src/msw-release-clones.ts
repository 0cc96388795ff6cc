/** What `releaseResponseClones` needs of an msw server or worker: its life-cycle events. */
export interface ServerWithEvents {
  events: { on(event: 'response:mocked', listener: (args: { response: Response; requestId: string }) => void): void };
}

/**
 * Works around an msw 2 bug on Node 20 (@mswjs/interceptors < 0.42.5, whose fix
 * needs Node 22): msw tees every mocked response to hand a copy to its
 * `response:mocked` listeners, and cancelling one branch of a tee settles only
 * once the other is cancelled or read to its end. The openai SDK cancels the body
 * of a 429 or 5xx before it retries, so a scripted "429 then success" hangs.
 *
 * Every mocked response counts (the mock's, a replayed fixture's whatever its
 * headers, a `server.use()` override's): once the listeners of that event have
 * run, the copy is read to its end and thrown away unless one of them started
 * reading it. A listener that wants the body reads it at once (`await
 * response.text()` as its first step).
 *
 * Read, not cancelled: for a `node:http` client, msw's copy is a stream Node makes
 * from its own (`Readable.toWeb`), and cancelling one while its data still flows
 * throws from inside Node on version 20 ("Controller is already closed"), which
 * ends the process. Reading it is safe on both paths.
 *
 * @example
 * const server = setupServer(...chatCompletionHandlers(mock));
 * releaseResponseClones(server);
 */
export function releaseResponseClones(server: ServerWithEvents): void {
  server.events.on('response:mocked', ({ response }) => {
    // A microtask: after every listener of this event, and not a timer, so fake timers cannot hold it.
    queueMicrotask(() => {
      if (response.body && !response.body.locked) void drain(response.body.getReader());
    });
  });
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done);
  } catch {
    // The copy failed as its original did (a cut stream): the client sees that on its own.
  }
}
