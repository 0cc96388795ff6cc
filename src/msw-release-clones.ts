/** What `releaseResponseClones` needs of an msw server or worker: its life-cycle events. */
export interface ServerWithEvents {
  events: { on(event: 'response:mocked', listener: (args: { response: Response; requestId: string }) => void): void };
}

/**
 * Works around an msw 2 bug on Node 20 (@mswjs/interceptors < 0.42.5, whose fix
 * needs Node 22): msw tees every mocked response to hand a copy to its
 * `response:mocked` listeners, and cancelling one branch of a tee settles only
 * once the other is cancelled too (or the stream ends). The openai SDK cancels the
 * body of a 429 or 5xx before it retries, so a scripted "429 then success" hangs.
 *
 * Every mocked response counts (the mock's, a replayed fixture's whatever its
 * headers, a `server.use()` override's): once the listeners of that event have
 * run, the copy is cancelled unless one of them started reading it. A listener
 * that wants the body reads it at once (`await response.text()` as its first step).
 *
 * Only a tee's branch is cancelled: the fetch interceptor hands listeners
 * `response.clone()`, a plain Response. msw's other interceptors (node:http,
 * XMLHttpRequest) hand them a copy of their own, which holds nothing back; and
 * cancelling node:http's, which Node makes from its own stream (`Readable.toWeb`),
 * while its data still flows throws from inside Node 20 and ends the process. Read
 * instead of cancelled, a branch would hold a client's cancel of a slow stream until
 * the stream ended, and of an endless one for ever.
 *
 * @example
 * const server = setupServer(...chatCompletionHandlers(mock));
 * releaseResponseClones(server);
 */
export function releaseResponseClones(server: ServerWithEvents): void {
  server.events.on('response:mocked', ({ response }) => {
    if (Object.getPrototypeOf(response) !== Response.prototype) return;
    // A microtask: after every listener of this event, and not a timer, so fake timers cannot hold it.
    queueMicrotask(() => {
      if (response.body && !response.body.locked) void response.body.cancel().catch(() => {});
    });
  });
}
