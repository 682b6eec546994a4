import { describe, expect, it } from 'vitest';
import { causeText, fixText } from '../../src/apply/describe.js';
import { type DiagnoseInput, diagnose } from '../../src/apply/diagnose.js';
import { type LogLine, severityOf } from '../../src/apply/klog.js';
import { translator } from '../../src/i18n/index.js';
import { SEED } from '../../src/model/seed.js';
import { unitState } from './helpers/fake-host.js';

let id = 0;
const line = (text: string, fromSystemd = false): LogLine => ({
  id: ++id,
  unit: 'kube-apiserver.service',
  time: 0,
  severity: severityOf(text),
  fromSystemd,
  text,
});

const failed = unitState('kube-apiserver.service', {
  loadState: 'loaded',
  activeState: 'failed',
  subState: 'failed',
  result: 'exit-code',
  execMainStatus: 1,
});

function input(lines: string[], patch: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return {
    component: 'kube-apiserver',
    minor: 13,
    lines: lines.map((l) => line(l)),
    state: failed,
    etcdServers: [...SEED.etcdServers],
    ...patch,
  };
}

const SYSTEMD_EXIT = 'kube-apiserver.service: Main process exited, code=exited, status=1/FAILURE';

describe('failure diagnosis from journal lines', () => {
  it('reads an unknown flag and the version that removed it', () => {
    const d = diagnose(
      input(
        ['Error: unknown flag: --enable-swagger-ui', 'Usage:', '  kube-apiserver [flags]', SYSTEMD_EXIT],
        { minor: 24 },
      ),
    );
    expect(d).toMatchObject({
      cause: 'unknown-flag',
      params: { flag: '--enable-swagger-ui', removed: '1.24', known: 'removed' },
    });
    const t = translator('en');
    expect(causeText(d, t)).toBe(
      'kube-apiserver 1.24 does not know the flag --enable-swagger-ui: it was removed in Kubernetes 1.24.',
    );
    expect(causeText(d, translator('zh'))).toContain('在 Kubernetes 1.24 中已被移除');
  });

  it('tells a flag that only a later version has from one no version has', () => {
    expect(
      diagnose(input(['Error: unknown flag: --service-account-issuer'], { minor: 9 as number })).params.known,
    ).not.toBe('removed');
    expect(diagnose(input(['Error: unknown flag: --no-such-flag-anywhere'])).params.known).toBe('never');
  });

  it('reads a missing certificate from the apiserver and from the etcd storage backend', () => {
    const direct = diagnose(
      input([
        'I1125 21:40:00.000000    1234 server.go:146] Version: v1.13.12',
        'F1125 21:40:00.100000    1234 server.go:155] unable to load server certificate: open /etc/kubernetes/ssl/kubernetes.pem: no such file or directory',
        SYSTEMD_EXIT,
      ]),
    );
    expect(direct).toMatchObject({
      cause: 'file-missing',
      params: { path: '/etc/kubernetes/ssl/kubernetes.pem', kind: 'cert' },
    });
    const etcd = diagnose(
      input([
        'F1125 21:40:00.100000    1234 storage_decorator.go:57] Unable to create storage backend: config (&{ /registry [https://192.168.50.101:2379] /etc/kubernetes/ssl/etcd-key.pem /etc/kubernetes/ssl/etcd.pem /etc/kubernetes/ssl/ca.pem true 0xc000a1e2d0 <nil> 5m0s 1m0s}), err (open /etc/kubernetes/ssl/etcd.pem: no such file or directory)',
      ]),
    );
    expect(etcd).toMatchObject({ cause: 'file-missing', params: { path: '/etc/kubernetes/ssl/etcd.pem' } });
    expect(fixText(etcd, translator('en'))).toContain('/etc/kubernetes/ssl/etcd.pem');
  });

  it('reads an unreadable key', () => {
    const d = diagnose(
      input([
        'F1125 21:40:00.100000    1234 server.go:155] unable to load server certificate: open /etc/kubernetes/ssl/kubernetes-key.pem: permission denied',
      ]),
    );
    expect(d).toMatchObject({
      cause: 'file-unreadable',
      params: { path: '/etc/kubernetes/ssl/kubernetes-key.pem' },
    });
  });

  it('reads a certificate that is not valid for the address', () => {
    const d = diagnose(
      input([
        'W1125 21:40:00.000000    1234 clientconn.go:1304] grpc: addrConn.createTransport failed to connect to {192.168.50.1:2379 0  <nil>}. Err :connection error: desc = "transport: authentication handshake failed: x509: certificate is valid for 127.0.0.1, 192.168.50.101, 192.168.50.102, not 192.168.50.1". Reconnecting...',
      ]),
    );
    expect(d).toMatchObject({
      cause: 'cert-not-valid-for',
      params: { names: '127.0.0.1, 192.168.50.101, 192.168.50.102', address: '192.168.50.1' },
    });
    expect(causeText(d, translator('en'))).toBe(
      'A certificate is valid for 127.0.0.1, 192.168.50.101, 192.168.50.102, not for 192.168.50.1.',
    );
  });

  it('reads an unreachable etcd cluster, naming the member', () => {
    const d = diagnose(
      input([
        'W1125 21:40:00.000000    1234 clientconn.go:1304] grpc: addrConn.createTransport failed to connect to {192.168.50.101:2379 0  <nil>}. Err :connection error: desc = "transport: Error while dialing dial tcp 192.168.50.101:2379: connect: connection refused". Reconnecting...',
        'F1125 21:40:06.000000    1234 storage_decorator.go:57] Unable to create storage backend: config (&{ /registry [https://192.168.50.101:2379 https://192.168.50.102:2379 https://192.168.50.1:2379] /etc/kubernetes/ssl/etcd-key.pem /etc/kubernetes/ssl/etcd.pem /etc/kubernetes/ssl/ca.pem true 0xc000a1e2d0 <nil> 5m0s 1m0s}), err (context deadline exceeded)',
        SYSTEMD_EXIT,
      ]),
    );
    expect(d.cause).toBe('etcd-unreachable');
    expect(d.params.server).toBe('https://192.168.50.101:2379');
  });

  it('reads etcd refusing the TLS handshake', () => {
    const d = diagnose(
      input([
        'W1125 21:40:00.000000    1234 clientconn.go:1304] grpc: addrConn.createTransport failed to connect to {192.168.50.102:2379 0  <nil>}. Err :connection error: desc = "transport: authentication handshake failed: remote error: tls: bad certificate". Reconnecting...',
      ]),
    );
    expect(d).toMatchObject({
      cause: 'etcd-tls',
      params: { server: 'https://192.168.50.102:2379', detail: 'remote error: tls: bad certificate' },
    });
  });

  it('reads an address already in use, with the port for ss', () => {
    const d = diagnose(
      input([
        'F1125 21:40:00.000000    1234 serve.go:116] failed to create listener: failed to listen on 192.168.50.101:6443: listen tcp 192.168.50.101:6443: bind: address already in use',
      ]),
    );
    expect(d).toMatchObject({
      cause: 'address-in-use',
      params: { address: '192.168.50.101:6443', port: '6443' },
    });
    expect(fixText(d, translator('en'))).toContain('ss -ltnp "sport = :6443"');
    expect(fixText(d, translator('zh'))).toContain('ss -ltnp "sport = :6443"');
  });

  it('reads permission denied on a non-certificate file and on exec', () => {
    expect(
      diagnose(
        input(['F1125 21:40:00.000000    1234 audit.go:12] open /var/lib/audit.log: permission denied']),
      ),
    ).toMatchObject({ cause: 'permission-denied', params: { path: '/var/lib/audit.log' } });
    expect(
      diagnose(
        input(['kube-apiserver.service: Failed to execute /usr/local/bin/kube-apiserver: Permission denied']),
      ),
    ).toMatchObject({ cause: 'permission-denied', params: { path: '/usr/local/bin/kube-apiserver' } });
  });

  it('reads a value a flag does not take: a braced variable given whole to the first flag', () => {
    const value = 'true --address=127.0.0.1 --master=http://127.0.0.1:8080 --logtostderr=true --v=2';
    const d = diagnose(
      input(
        [
          `Error: invalid argument "${value}" for "--leader-elect" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
        ],
        {
          component: 'kube-scheduler',
        },
      ),
    );
    expect(d).toMatchObject({ cause: 'flag-value', params: { flag: '--leader-elect' } });
    const t = translator('en');
    expect(causeText(d, t)).toBe(
      'kube-scheduler does not take “true --address=127.0.0.1 --master=http://127.0.0.1:8080 --logtostderr=true --v=2” as the value of --leader-elect.',
    );
    expect(fixText(d, t)).toContain(
      `passes an EnvironmentFile variable as \${NAME}, which is one argument: write $NAME.`,
    );
  });

  it('reads a required flag that is missing', () => {
    const d = diagnose(
      input(
        [
          'Error: [service-account-issuer is a required flag, --service-account-signing-key-file and --service-account-issuer are required flags]',
        ],
        { minor: 20 },
      ),
    );
    expect(d).toMatchObject({ cause: 'required-flag', params: { flag: '--service-account-issuer' } });
  });

  it('reads a missing binary from systemd', () => {
    const d = diagnose(
      input([
        'kube-apiserver.service: Failed to locate executable /usr/local/bin/kube-apiserver: No such file or directory',
        'kube-apiserver.service: Failed at step EXEC spawning /usr/local/bin/kube-apiserver: No such file or directory',
      ]),
    );
    expect(d).toMatchObject({ cause: 'binary-missing', params: { path: '/usr/local/bin/kube-apiserver' } });
  });

  it('reads the controller-manager not reaching the apiserver', () => {
    const d = diagnose(
      input(
        [
          'E1125 21:40:00.000000    1234 leaderelection.go:270] error retrieving resource lock kube-system/kube-controller-manager: Get http://127.0.0.1:8080/api/v1/namespaces/kube-system/endpoints/kube-controller-manager: dial tcp 127.0.0.1:8080: connect: connection refused',
        ],
        { component: 'kube-controller-manager' },
      ),
    );
    expect(d).toMatchObject({ cause: 'apiserver-unreachable', params: { address: '127.0.0.1:8080' } });
  });

  it('falls back to the unit state and the last error line when no cause is known', () => {
    const d = diagnose(
      input([
        'I1125 21:40:00.000000    1234 a.go:1] hello',
        'E1125 21:40:00.000000    1234 a.go:2] something odd',
      ]),
    );
    expect(d).toMatchObject({
      cause: 'unknown',
      params: { state: 'failed/failed', result: 'exit-code', status: '1' },
    });
    expect(d.evidence).toContain('something odd');
  });

  it('prefers the most specific cause when several lines match', () => {
    const d = diagnose(
      input([
        'W1125 21:40:00.000000    1234 clientconn.go:1304] grpc: ... dial tcp 192.168.50.101:2379: connect: connection refused',
        'F1125 21:40:00.100000    1234 server.go:155] unable to load client CA file: open /etc/kubernetes/ssl/ca.pem: no such file or directory',
      ]),
    );
    expect(d.cause).toBe('file-missing');
  });
});

describe('klog severities', () => {
  it('reads I, W, E and F headers and falls back to the syslog priority', () => {
    expect(severityOf('I1125 21:40:00.000000    1234 a.go:1] x')).toBe('I');
    expect(severityOf('W1125 21:40:00.000000    1234 a.go:1] x')).toBe('W');
    expect(severityOf('E1125 21:40:00.000000    1234 a.go:1] x')).toBe('E');
    expect(severityOf('F1125 21:40:00.000000    1234 a.go:1] x')).toBe('F');
    expect(severityOf('Error: unknown flag: --x', 3)).toBe('E');
    expect(severityOf('Started Kubernetes API Server.', 6)).toBe('-');
  });
});
