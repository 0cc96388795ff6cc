/**
 * Lets whoever started the server own it: a test harness (pytest, a shell
 * script, `npx` in between) that ends, even killed outright, takes the server with it.
 */
export interface OwnerFlags {
  exitOnStdinClose?: boolean;
  exitWithParent?: boolean;
}

/** How often the parent is checked; reading ppid is one cheap system call. */
const PARENT_CHECK_MS = 200;

export function stopWithOwners(flags: OwnerFlags, stop: (why: string) => void): void {
  if (flags.exitOnStdinClose) {
    // The harness holds the pipe's other end; the OS closes it when the harness dies.
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin closed'));
    process.stdin.resume();
  }
  if (flags.exitWithParent) {
    // An orphan is adopted by init (or a subreaper), so its parent pid changes.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop('parent exited');
    }, PARENT_CHECK_MS).unref();
  }
}
