import { HAPROXY_STATS_SOCKET, type HaLayout } from '../model/ha-layout.js';

const hostPort = (address: string, port: number) =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

/**
 * /etc/haproxy/haproxy.cfg for this master: TCP on vip:port (bound even while another master
 * holds the VIP) to every master's secure port. Each backend is checked over TLS against the
 * cluster CA with GET /readyz (/healthz before 1.16); with anonymous access off (the seed) the apiserver answers 401
 * before it looks at readiness, so 401 then counts as "this apiserver answers".
 */
export function renderHaproxy(h: HaLayout, banner: string): string {
  const lines = [
    `# ${banner}`,
    `# Clients outside the masters use ${h.url}; the masters' own components never do.`,
    'global',
    '    log stdout format raw local0 info',
    `    stats socket ${HAPROXY_STATS_SOCKET} mode 660 level admin`,
    '    stats timeout 30s',
    '    chroot /var/lib/haproxy',
    '    user haproxy',
    '    group haproxy',
    '',
    'defaults',
    '    mode tcp',
    '    log global',
    '    option tcplog',
    '    option dontlognull',
    // a connection a stopped apiserver refuses is tried again on another master at once
    '    option redispatch',
    '    retries 3',
    '    timeout connect 5s',
    // watches, logs and exec sessions stay open for a long time
    '    timeout client 1h',
    '    timeout server 1h',
    '    timeout check 3s',
    '',
    'frontend kube-apiserver',
    `    bind ${hostPort(h.vip, h.port)} transparent`,
    '    default_backend kube-apiserver',
    '',
    'backend kube-apiserver',
    '    balance roundrobin',
    '    option httpchk',
    '    http-check connect ssl',
    `    http-check send meth GET uri ${h.healthPath}`,
    `    http-check expect status ${h.backendStatuses.join(',')}`,
    `    default-server check inter 2s fall 2 rise 2 verify required ca-file ${h.caFile}`,
    ...h.backends.map((b) => `    server ${b.name} ${hostPort(b.address, b.port)}`),
  ];
  return `${lines.join('\n')}\n`;
}
