// Binding a server on the configured address, dying like the real binaries when it cannot.
import { goListenError } from './go-errors.mjs';

export const hostPort = (host, port) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** Resolves once listening; on failure logs `failed to create listener: …` (klog.failed) and exits 1. */
export function listenOrDie(server, host, port, log, where = 'serving.go:149') {
  return new Promise((resolve) => {
    const onError = (err) => {
      log.failed(
        where,
        `failed to create listener: failed to listen on ${hostPort(host, port)}: ${goListenError(err, host, port)}`,
      );
    };
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
