/** A failed listen(), as one line a user can act on. */
export function listenErrorLine(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `error: port ${port} on ${host} is already in use (try --port 0)`;
    case 'EACCES':
      return `error: no permission to listen on port ${port} on ${host} (ports below 1024 need privileges; try --port 0)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `error: cannot listen on host ${host}: it is not an address of this machine (try --host 127.0.0.1)`;
    default:
      return `error: cannot listen on ${host}:${port}: ${error.message}`;
  }
}
