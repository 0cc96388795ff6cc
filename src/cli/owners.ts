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
  let timer: ReturnType<typeof setInterval> | undefined;
  let told = false;
  // The owner going away is said once: a second stop is how a second Ctrl-C cuts the grace short.
  const gone = (why: string) => {
    if (told) return;
    told = true;
    clearInterval(timer);
    stop(why);
  };
  if (flags.exitOnStdinClose) {
    // The harness holds the pipe's other end; the OS closes it when the harness dies.
    process.stdin.on('end', () => gone('stdin closed'));
    process.stdin.on('error', () => gone('stdin closed'));
    process.stdin.resume();
  }
  if (flags.exitWithParent) {
    // An orphan is adopted by init (or a subreaper), so its parent pid changes.
    const parent = process.ppid;
    timer = setInterval(() => {
      if (process.ppid !== parent) gone('parent exited');
    }, PARENT_CHECK_MS).unref();
  }
}
