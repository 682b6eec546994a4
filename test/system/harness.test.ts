// Proves the system-test harness: a real systemd in namespaces, a real 3-member etcd
// cluster with mutual TLS, and the stand-in kube-apiserver (1.13.12) run by the seed's unit.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertSet, installCerts, makeCerts } from './harness/certs.js';
import { ensureSystemTestDeps } from './harness/ensure-deps.js';
import { type EtcdCluster, startEtcdCluster } from './harness/etcd.js';
import { bootSandbox, type Sandbox, SEED_ADDRESSES } from './harness/sandbox.js';
import { addNotifyDropIn, installStandins } from './harness/standins.js';
import { waitUntil } from './harness/wait.js';

// The seed's /etc/kubernetes/apiserver (its KUBE_API_ARGS on one line).
const SEED_APISERVER_ENV = `###
# kubernetes system config
KUBE_API_ADDRESS="--advertise-address=192.168.50.101 --bind-address=192.168.50.101"
KUBE_API_PORT="--secure-port=6443"
# KUBELET_PORT="--kubelet-port=10250"
KUBE_ETCD_SERVERS="--etcd-servers=https://192.168.50.101:2379,https://192.168.50.102:2379,https://192.168.50.1:2379"
KUBE_SERVICE_ADDRESSES="--service-cluster-ip-range=10.254.0.0/16"
KUBE_ADMISSION_CONTROL="--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota"
KUBE_API_ARGS="--anonymous-auth=false --allow-privileged=true --apiserver-count=3 --audit-log-maxage=30 --audit-log-maxbackup=3 --audit-log-maxsize=100 --audit-log-path=/var/lib/audit.log --authorization-mode=Node,RBAC --client-ca-file=/etc/kubernetes/ssl/ca.pem --enable-bootstrap-token-auth --etcd-cafile=/etc/kubernetes/ssl/ca.pem --etcd-certfile=/etc/kubernetes/ssl/etcd.pem --etcd-keyfile=/etc/kubernetes/ssl/etcd-key.pem --event-ttl=1h --enable-swagger-ui=true --kubelet-https=true --service-account-key-file=/etc/kubernetes/ssl/ca-key.pem --service-node-port-range=30000-50000 --tls-private-key-file=/etc/kubernetes/ssl/kubernetes-key.pem --tls-cert-file=/etc/kubernetes/ssl/kubernetes.pem --token-auth-file=/etc/kubernetes/token.csv --logtostderr=true --v=2"
`;

// The seed's kube-apiserver.service, at the administrator's place for units.
const SEED_APISERVER_UNIT = `[Unit]
Description=Kubernetes API Server
Documentation=https://github.com/GoogleCloudPlatform/kubernetes
After=network.target
After=etcd.service
[Service]
EnvironmentFile=-/etc/kubernetes/apiserver
ExecStart=/usr/local/bin/kube-apiserver \\
$KUBE_API_ADDRESS \\
$KUBE_API_PORT \\
$KUBELET_PORT \\
$KUBE_ETCD_SERVERS \\
$KUBE_SERVICE_ADDRESSES \\
$KUBE_ADMISSION_CONTROL \\
$KUBE_API_ARGS
Restart=on-failure
Type=notify
LimitNOFILE=65536
[Install]
WantedBy=multi-user.target
`;

const SSL = '/etc/kubernetes/ssl';
const KLOG_LINE = /kube-apiserver\[\d+\]: [IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ [\w.-]+\.go:\d+\] /;

describe('system-test harness', () => {
  let sandbox: Sandbox | undefined;
  let etcd: EtcdCluster;
  let certs: CertSet;
  const timings: Record<string, number> = {};
  const hostMarker = `/tmp/kmw-harness-marker-${process.pid}`;
  const hostPaths = [
    '/etc/kubernetes',
    '/etc/systemd/system/kube-apiserver.service',
    '/etc/systemd/system/etcd-101.service',
    '/usr/local/bin/kube-apiserver',
    '/var/lib/etcd-101',
  ];
  const hostHad = new Map(hostPaths.map((p) => [p, existsSync(p)]));

  const sb = () => {
    if (!sandbox) throw new Error('no sandbox');
    return sandbox;
  };
  const curl = (url: string, ...extra: string[]) =>
    sb().exec(['curl', '-sS', '--max-time', '5', '--cacert', `${SSL}/ca.pem`, ...extra, url]);
  const asAdmin = ['--cert', `${SSL}/admin.pem`, '--key', `${SSL}/admin-key.pem`];

  beforeAll(async () => {
    await ensureSystemTestDeps();
    // the sandbox's /tmp is its own tmpfs: this file of the host's /tmp must survive the boot
    writeFileSync(hostMarker, 'host /tmp marker\n');
    let t = Date.now();
    sandbox = await bootSandbox({ hostname: 'kmw-master-101' });
    timings.bootMs = Date.now() - t;
    certs = await makeCerts(`${sandbox.shareDir}/certs`);
    await installCerts(sandbox, certs);
    t = Date.now();
    etcd = await startEtcdCluster(sandbox);
    timings.etcdMs = Date.now() - t;
    await installStandins(sandbox, '1.13.12');
    await addNotifyDropIn(sandbox);
  }, 120_000);

  afterAll(async () => {
    await sandbox?.stop();
    rmSync(hostMarker, { force: true });
    console.log('harness timings (ms):', timings);
  }, 60_000);

  it('boots systemd as PID 1 with the seed addresses on lo only', async () => {
    const state = await sb().exec(['systemctl', 'is-system-running']);
    expect(state.stdout.trim()).toMatch(/^(running|degraded)$/);
    const pid1 = await sb().exec(['cat', '/proc/1/comm']);
    expect(pid1.stdout.trim()).toBe('systemd');
    const links = await sb().exec(['ip', '-o', 'link', 'show']);
    expect(links.stdout.trim().split('\n')).toHaveLength(1);
    const addrs = await sb().exec(['ip', '-o', '-4', 'addr', 'show', 'dev', 'lo']);
    for (const a of SEED_ADDRESSES) expect(addrs.stdout).toContain(`${a}/32`);
    expect((await sb().exec(['hostname'])).stdout.trim()).toBe('kmw-master-101');
    expect(existsSync(hostMarker)).toBe(true);
  });

  it('runs a 3-member etcd cluster that requires client certificates', async () => {
    expect(etcd.members.map((m) => m.ip)).toEqual([...SEED_ADDRESSES]);
    for (const m of etcd.members) {
      const h = await etcd.health(m.name);
      expect(h.ok, `${m.name}: ${h.error ?? h.body}`).toBe(true);
    }
    const list = await sb().exec(
      ['etcdctl', `--endpoints=${etcd.servers}`, `--cacert=${SSL}/ca.pem`, `--cert=${SSL}/etcd.pem`].concat([
        `--key=${SSL}/etcd-key.pem`,
        'member',
        'list',
      ]),
      { env: { ETCDCTL_API: '3' } },
    );
    expect(list.stdout.trim().split('\n')).toHaveLength(3);
    const anonymous = await curl('https://192.168.50.1:2379/health');
    expect(anonymous.stdout).not.toContain('"health":"true"');
  });

  it('stops, kills and starts etcd members, also all of them one by one', async () => {
    await etcd.stopMember('etcd-1');
    expect((await etcd.health('etcd-1')).ok).toBe(false);
    expect((await etcd.health('etcd-101')).ok).toBe(true);
    await etcd.startMember('etcd-1');
    await etcd.waitHealthy(['etcd-1'], 10_000);
    await etcd.killMember(...etcd.members.map((m) => m.name));
    expect((await etcd.health('etcd-101')).ok).toBe(false);
    for (const m of etcd.members) await etcd.startMember(m.name);
    await etcd.waitHealthy(undefined, 20_000);
  });

  it('installs stand-in kube binaries that claim the requested version', async () => {
    for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const r = await sb().exec([`/usr/local/bin/${c}`, '--version']);
      expect(r.stdout.trim()).toBe('Kubernetes v1.13.12');
    }
  });

  it('brings the seed apiserver unit to active, with klog lines and a TLS /healthz', async () => {
    await sb().writeFile('/etc/kubernetes/apiserver', SEED_APISERVER_ENV);
    await sb().writeFile('/etc/systemd/system/kube-apiserver.service', SEED_APISERVER_UNIT);
    expect((await sb().systemctl('daemon-reload')).exitCode).toBe(0);
    const t = Date.now();
    const started = await sb().systemctl('start', 'kube-apiserver.service');
    timings.apiserverActiveMs = Date.now() - t;
    expect(started.exitCode, await sb().journal('kube-apiserver')).toBe(0);
    expect((await sb().systemctl('is-active', 'kube-apiserver')).stdout.trim()).toBe('active');

    const journal = await sb().journal('kube-apiserver');
    expect(journal).toMatch(KLOG_LINE);
    expect(journal).toContain('Serving securely on 192.168.50.101:6443');

    const healthz = await curl('https://192.168.50.101:6443/healthz', ...asAdmin);
    expect(healthz.stdout).toBe('ok');
    const anonymous = await curl(
      'https://192.168.50.101:6443/healthz',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
    );
    expect(anonymous.stdout).toBe('401');
    const insecure = await curl('http://127.0.0.1:8080/healthz');
    expect(insecure.stdout).toBe('ok');
  });

  it('fails the unit on a flag the version does not have, with `unknown flag` in the journal', async () => {
    const env = SEED_APISERVER_ENV.replace('--v=2"', '--v=2 --no-such-flag=1"');
    await sb().writeFile('/etc/kubernetes/apiserver', env);
    const restarted = await sb().systemctl('restart', 'kube-apiserver.service');
    expect(restarted.exitCode).not.toBe(0);
    // Restart=on-failure retries until systemd's start limit marks the unit failed
    await waitUntil(
      async () => (await sb().systemctl('is-failed', 'kube-apiserver')).stdout.trim() === 'failed',
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'kube-apiserver to be failed',
      },
    );
    const journal = await sb().journal('kube-apiserver');
    expect(journal).toContain('Error: unknown flag: --no-such-flag');
    expect(journal).toMatch(/kube-apiserver\.service: Main process exited, code=exited, status=1\/FAILURE/);
  });

  it('leaves nothing on the host once stopped', async () => {
    const { pid, shareDir } = sb();
    await sb().stop();
    await sb().stop(); // idempotent
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(shareDir)).toBe(false);
    for (const [path, had] of hostHad) expect(existsSync(path), path).toBe(had);
    expect(existsSync(hostMarker)).toBe(true);
  });
});
