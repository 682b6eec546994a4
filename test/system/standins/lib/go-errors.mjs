// Node's errors, worded the way a Go binary (net, crypto/tls, crypto/x509, os) says them,
// so that journals read like the real components'.

const ERRNO = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connect: connection refused',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  EADDRINUSE: 'bind: address already in use',
  EADDRNOTAVAIL: 'bind: cannot assign requested address',
};

const hostPort = (host, port) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** `open PATH: no such file or directory` */
export function goFileError(err, path) {
  return `open ${path}: ${ERRNO[err?.code] ?? err?.message ?? String(err)}`;
}

/** `listen tcp 0.0.0.0:6443: bind: address already in use` */
export function goListenError(err, host, port) {
  return `listen tcp ${hostPort(host, port)}: ${ERRNO[err?.code] ?? err?.message}`;
}

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

function sanList(cert, type) {
  const raw = cert?.subjectaltname ?? '';
  return raw
    .split(', ')
    .filter((s) => s.startsWith(`${type}:`))
    .map((s) => s.slice(type.length + 1));
}

/** crypto/x509's HostnameError */
function hostnameError(cert, host) {
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  const valid = isIp ? sanList(cert, 'IP Address') : sanList(cert, 'DNS');
  if (isIp && valid.length === 0) {
    return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
  }
  if (valid.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${valid.join(', ')}, not ${host}`;
}

export function isTlsError(err) {
  const code = err?.code ?? '';
  return (
    UNKNOWN_AUTHORITY.has(code) ||
    code === 'CERT_HAS_EXPIRED' ||
    code === 'CERT_NOT_YET_VALID' ||
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    code.startsWith('ERR_SSL_') ||
    /alert|certificate|ssl|tls/i.test(err?.message ?? '')
  );
}

/** The TLS part only: `x509: certificate signed by unknown authority`, `remote error: tls: bad certificate` … */
export function goTlsError(err, host) {
  const code = err?.code ?? '';
  if (UNKNOWN_AUTHORITY.has(code)) return 'x509: certificate signed by unknown authority';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return 'x509: certificate has expired or is not yet valid';
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return hostnameError(err.cert, host);
  const alert = /alert ([a-z ]+)$/i.exec(err?.message ?? '') ?? /ALERT_([A-Z_]+)$/.exec(code);
  if (alert) {
    const name = alert[1].toLowerCase().replace(/_/g, ' ');
    return `remote error: tls: ${name === 'certificate required' ? 'bad certificate' : name}`;
  }
  return `tls: ${err?.message ?? String(err)}`;
}

/** What net/http (or grpc's dialer) would say about a failed request to host:port. */
export function goDialError(err, host, port) {
  if (err?.code === 'ETIMEDOUT' || err?.code === 'TIMEOUT')
    return `dial tcp ${hostPort(host, port)}: i/o timeout`;
  if (err?.code === 'ECONNRESET') return `read tcp ${hostPort(host, port)}: read: connection reset by peer`;
  if (ERRNO[err?.code]) return `dial tcp ${hostPort(host, port)}: ${ERRNO[err.code]}`;
  if (isTlsError(err)) return goTlsError(err, host);
  return err?.message ?? String(err);
}
