// The machine side of the preflight on this machine, over loopback only: listening on a
// port, finding who holds one in /proc, an HTTPS server with mutual TLS standing for an etcd
// member, and the parsers of /proc and chrony output.

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etcdProbe } from '../../src/host/etcd-probe.js';
import {
  holdersOf,
  listeningProcesses,
  parseProcAddress,
  parseProcNetTcp,
  portHolders,
  tryListen,
  unitFromCgroup,
} from '../../src/host/ports.js';
import { parseChronyTracking, parseSwaps } from '../../src/host/system-facts.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { judgeMember } from '../../src/preflight/checks-etcd.js';
import { makeCa, makeLeaf, type Pair, put } from './helpers/pki.js';

function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port)),
  );
}
const close = (server: net.Server) => new Promise<void>((r) => server.close(() => r()));

describe('ports', () => {
  it('a free port is free; a taken one is in use, and /proc names this process as its holder', async () => {
    const server = net.createServer();
    const port = await listen(server);
    try {
      expect(await tryListen('127.0.0.1', port)).toEqual({ state: 'in-use' });
      // 0.0.0.0 overlaps 127.0.0.1 on Linux
      expect(await tryListen('0.0.0.0', port)).toEqual({ state: 'in-use' });
      const holders = await portHolders(port);
      expect(holders.map((h) => h.pid)).toContain(process.pid);
      const me = holders.find((h) => h.pid === process.pid)!;
      expect(me.address).toBe('127.0.0.1');
      expect(me.command.length).toBeGreaterThan(0);
    } finally {
      await close(server);
    }
    expect(await tryListen('127.0.0.1', port)).toEqual({ state: 'free' });
    expect(await portHolders(port)).toEqual([]);
  });

  it('one pass over /proc finds every listener: each process once per port, its unit from its cgroup', async () => {
    const proc = await mkdtemp(join(tmpdir(), 'kmw-proc-'));
    try {
      const head =
        '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
      const row = (local: string, state: string, inode: number) =>
        `   0: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0 100 0 0 10 0`;
      await mkdir(join(proc, 'net'));
      // the apiserver on 6443 and 8080, the scheduler on 10251 (IPv6), a connection (not LISTEN)
      await writeFile(
        join(proc, 'net/tcp'),
        [
          head,
          row('6532A8C0:192B', '0A', 101),
          row('0100007F:1F90', '0A', 102),
          row('0100007F:8F2C', '01', 103),
        ].join('\n'),
      );
      await writeFile(
        join(proc, 'net/tcp6'),
        [head, row('00000000000000000000000000000000:280B', '0A', 201)].join('\n'),
      );
      const process = async (pid: number, comm: string, cgroup: string, fds: string[]) => {
        await mkdir(join(proc, `${pid}/fd`), { recursive: true });
        await writeFile(join(proc, `${pid}/comm`), `${comm}\n`);
        await writeFile(join(proc, `${pid}/cgroup`), cgroup);
        for (const [i, target] of fds.entries()) await symlink(target, join(proc, `${pid}/fd/${i}`));
      };
      // the same socket twice in one process (a dup'ed fd) is one holder
      await process(40, 'kube-apiserver', '0::/system.slice/kube-apiserver.service\n', [
        '/dev/null',
        'socket:[101]',
        'socket:[101]',
        'socket:[102]',
        'socket:[103]',
      ]);
      await process(7, 'kube-scheduler', '0::/system.slice/kube-scheduler.service\n', ['socket:[201]']);
      await process(9, 'bash', '0::/user.slice/session-1.scope\n', ['pipe:[5]']);
      // a process whose fds cannot be read (gone, or another user's) is passed over
      await writeFile(join(proc, '12'), '');
      const all = listeningProcesses(proc);
      expect(all).toEqual([
        { pid: 7, command: 'kube-scheduler', unit: 'kube-scheduler.service', address: '::', port: 10251 },
        {
          pid: 40,
          command: 'kube-apiserver',
          unit: 'kube-apiserver.service',
          address: '192.168.50.101',
          port: 6443,
        },
        {
          pid: 40,
          command: 'kube-apiserver',
          unit: 'kube-apiserver.service',
          address: '127.0.0.1',
          port: 8080,
        },
      ]);
      expect(holdersOf(all, 8080)).toEqual([
        { pid: 40, command: 'kube-apiserver', unit: 'kube-apiserver.service', address: '127.0.0.1' },
      ]);
      expect(holdersOf(all, 36652)).toEqual([]);
      expect(await portHolders(6443, proc)).toEqual([
        { pid: 40, command: 'kube-apiserver', unit: 'kube-apiserver.service', address: '192.168.50.101' },
      ]);
      expect(listeningProcesses(join(proc, 'missing'))).toEqual([]);
    } finally {
      await rm(proc, { recursive: true, force: true });
    }
  });

  it('an address this host does not have is not-local', async () => {
    // TEST-NET-3 is never configured here; listening sends nothing anywhere
    expect(await tryListen('203.0.113.77', 6443)).toEqual({ state: 'not-local' });
  });

  it('reads /proc/net/tcp and tcp6 addresses, and the unit from a cgroup path', () => {
    expect(parseProcAddress('0100007F:1F90')).toEqual({ address: '127.0.0.1', port: 8080 });
    expect(parseProcAddress('6532A8C0:192B')).toEqual({ address: '192.168.50.101', port: 6443 });
    expect(parseProcAddress('00000000000000000000000001000000:28C9')).toEqual({
      address: '::1',
      port: 10441,
    });
    expect(parseProcAddress('0000000000000000FFFF00006532A8C0:192B')).toEqual({
      address: '192.168.50.101',
      port: 6443,
    });
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 6532A8C0:192B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:8F2C 0100007F:192B 01 00000000:00000000 00:00000000 00000000     0        0 41299 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    expect(parseProcNetTcp(table)).toEqual([{ address: '192.168.50.101', port: 6443, inode: 41234 }]);
    expect(unitFromCgroup('0::/system.slice/kube-apiserver.service\n')).toBe('kube-apiserver.service');
    expect(
      unitFromCgroup(
        '12:pids:/user.slice/kmw.scope/system.slice/kube-scheduler.service\n1:name=systemd:/user.slice/kmw.scope/system.slice/kube-scheduler.service\n',
      ),
    ).toBe('kube-scheduler.service');
    expect(unitFromCgroup('0::/\n')).toBeNull();
  });
});

describe('system facts', () => {
  it('parses /proc/swaps and chronyc tracking', () => {
    expect(parseSwaps('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n')).toEqual([]);
    expect(
      parseSwaps(
        'Filename\tType\tSize\tUsed\tPriority\n/dev/sda2  partition\t4194300\t0\t-2\n/swapfile file 1024 0 -3\n',
      ),
    ).toEqual(['/dev/sda2', '/swapfile']);
    const tracking = `Reference ID    : C0A83201 (192.168.50.1)
Stratum         : 3
System time     : 2.500123 seconds slow of NTP time
Last offset     : -0.000011 seconds
Leap status     : Normal
`;
    expect(parseChronyTracking(tracking)).toEqual({ offsetMs: -2500.123, synchronized: true });
    expect(parseChronyTracking(tracking.replace('Normal', 'Not synchronised'))).toMatchObject({
      synchronized: false,
    });
  });
});

describe('etcd probe over mutual TLS (a loopback server standing for a member)', () => {
  let dir: string;
  let ca: Pair;
  let server: https.Server;
  let port: number;
  let silent: net.Server;
  let silentPort: number;
  const seen: string[] = [];
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kmw-etcd-probe-'));
    ca = await makeCa();
    const serving = await makeLeaf(ca, { cn: 'etcd', ips: ['127.0.0.1'], eku: ['serverAuth', 'clientAuth'] });
    const good = await makeLeaf(ca, { cn: 'etcd', eku: ['serverAuth', 'clientAuth'] });
    const serverOnly = await makeLeaf(ca, { cn: 'etcd', eku: ['serverAuth'] });
    const other = await makeCa('other');
    const foreign = await makeLeaf(other, { cn: 'etcd', eku: ['clientAuth'] });
    await put(dir, '/ca.pem', ca.certPem);
    await put(dir, '/other-ca.pem', other.certPem);
    for (const [name, p] of Object.entries({ good, serverOnly, foreign })) {
      await put(dir, `/${name}.pem`, p.certPem);
      await put(dir, `/${name}-key.pem`, p.keyPem, 0o600);
    }
    server = https.createServer(
      {
        cert: serving.certPem,
        key: serving.keyPem,
        ca: ca.certPem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        seen.push(req.url ?? '');
        res.setHeader('Content-Type', 'application/json');
        res.end(
          req.url === '/version' ? '{"etcdserver":"3.4.23","etcdcluster":"3.4.0"}' : '{"health":"true"}',
        );
      },
    );
    port = await listen(server);
    // accepts connections and never answers
    silent = net.createServer((socket) => sockets.push(socket));
    silentPort = await listen(silent);
  });
  afterAll(async () => {
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
    await close(server);
    await close(silent);
    await rm(dir, { recursive: true, force: true });
  });

  const probe = (cert: string, extra: { port?: number; ca?: string; timeoutMs?: number } = {}) =>
    etcdProbe({
      url: `https://127.0.0.1:${extra.port ?? port}`,
      caFile: join(dir, extra.ca ?? 'ca.pem'),
      certFile: join(dir, `${cert}.pem`),
      keyFile: join(dir, `${cert}-key.pem`),
      timeoutMs: extra.timeoutMs ?? 2000,
    });
  const a = (() => {
    const r = parseAnswers({
      advertiseAddress: '192.168.50.101',
      bindAddress: '192.168.50.101',
      securePort: 6443,
      etcdServers: ['https://127.0.0.1:2379'],
    });
    if (!r.ok) throw new Error('answers');
    return r.answers;
  })();

  it('asks /version and /health with the client certificate and reads the Date header', async () => {
    const r = await probe('good');
    expect(r.ok).toBe(true);
    if (!r.ok || !r.version.ok || !r.health.ok) throw new Error('probe failed');
    expect(JSON.parse(r.version.answer.body).etcdserver).toBe('3.4.23');
    expect(r.health.answer.body).toBe('{"health":"true"}');
    expect(Math.abs(r.health.answer.dateMs! - Date.now())).toBeLessThan(5000);
    expect(seen).toEqual(expect.arrayContaining(['/version', '/health']));
    expect(judgeMember(a, 'https://127.0.0.1:2379', r).status).toBe('pass');
  });

  it('a client certificate without client auth is refused by the member', async () => {
    const r = await probe('serverOnly');
    expect(r.ok && !r.version.ok).toBe(true);
    const outcome = judgeMember(a, 'https://127.0.0.1:2379', r);
    expect(outcome).toMatchObject({ status: 'fail', message: { key: 'preflight.etcd.clientRefused' } });
  });

  it('a client certificate of another CA is refused; a server of another CA is not trusted', async () => {
    expect(judgeMember(a, 'https://127.0.0.1:2379', await probe('foreign')).message.key).toBe(
      'preflight.etcd.clientRefused',
    );
    const untrusted = await probe('good', { ca: 'other-ca.pem' });
    expect(judgeMember(a, 'https://127.0.0.1:2379', untrusted).message.key).toBe('preflight.etcd.untrusted');
  });

  it('a closed port is refused at once; a member that never answers times out on time', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await close(closed);
    const refused = await probe('good', { port: closedPort });
    expect(judgeMember(a, 'https://127.0.0.1:2379', refused).message.key).toBe('preflight.etcd.refused');
    const t0 = Date.now();
    const quiet = await probe('good', { port: silentPort, timeoutMs: 400 });
    const took = Date.now() - t0;
    expect(judgeMember(a, 'https://127.0.0.1:2379', quiet).message).toMatchObject({
      key: 'preflight.etcd.timeout',
      params: { code: 'ETIMEDOUT' },
    });
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(1500);
  });

  it('a file that cannot be read: nothing is sent', async () => {
    const before = seen.length;
    const r = await probe('missing');
    expect(r).toMatchObject({ ok: false, code: 'ENOENT', file: join(dir, 'missing.pem') });
    expect(seen.length).toBe(before);
  });
});
