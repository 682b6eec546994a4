// /healthz, /livez and /readyz bodies in the generic apiserver's format.

/**
 * @param endpoint 'healthz' | 'livez' | 'readyz'
 * @param checks [name, ok][]
 */
export function healthReply(endpoint, checks, verbose) {
  const failed = checks.filter(([, ok]) => !ok);
  const label = endpoint === 'healthz' ? 'healthz' : endpoint;
  if (failed.length === 0 && !verbose) return { code: 200, text: 'ok' };
  const lines = checks.map(([name, ok]) => (ok ? `[+]${name} ok` : `[-]${name} failed: reason withheld`));
  lines.push(failed.length ? `${label} check failed` : `${label} check passed`);
  return { code: failed.length ? 500 : 200, text: `${lines.join('\n')}\n` };
}
