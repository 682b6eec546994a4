// The runner's ignore list, the command's output and exit status, and apply's gate.
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/commands/apply.js';
import { ExitError } from '../../src/commands/exit.js';
import { preflightCommand, preflightGate } from '../../src/commands/preflight.js';
import type { CommandContext } from '../../src/context.js';
import { translator } from '../../src/i18n/index.js';
import type { AnswersInput } from '../../src/model/answers.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { reportLines } from '../../src/preflight/format.js';
import type { PreflightHost } from '../../src/preflight/host.js';
import { normaliseIgnore, preflightPassed, runPreflight, unknownIgnores } from '../../src/preflight/run.js';
import { captureContext } from './helpers/context.js';
import { put, writeSeedSet } from './helpers/pki.js';
import { failedEtcd, fakeHost } from './helpers/preflight-host.js';

const seedInput: AnswersInput = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};
const answers = (patch: Partial<AnswersInput> = {}) => {
  const r = parseAnswers({ ...seedInput, ...patch });
  if (!r.ok) throw new Error('bad answers');
  return r.answers;
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kmw-runner-'));
  await writeSeedSet(dir);
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
    await put(dir, `/usr/local/bin/${c}`, '#!/bin/sh\n', 0o755);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string[];
  err: string[];
}
const context = captureContext;
async function cli(fn: (ctx: CommandContext) => Promise<number>, lang: 'en' | 'zh' = 'en'): Promise<Run> {
  const { ctx, out, err } = context(lang);
  try {
    return { code: await fn(ctx), out, err };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.exitCode, out, err };
    throw error;
  }
}
async function answersFile(content: unknown): Promise<string> {
  const file = join(dir, 'answers.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}
const broken = (): PreflightHost =>
  fakeHost(dir, {
    etcd: { [SEED.etcdServers[2]]: failedEtcd('ECONNREFUSED') },
    swaps: ['/swapfile'],
  });

describe('the ignore list', () => {
  it('takes names in any case, comma lists and repeated options', () => {
    expect(normaliseIgnore(['Port-6443,  swap', 'EtcdMember-https-192.168.50.1-2379', ''])).toEqual([
      'port-6443',
      'swap',
      'etcdmember-https-192.168.50.1-2379',
    ]);
  });

  it('turns the named failures into ignored; what is not named still fails', async () => {
    const a = answers();
    const plain = await runPreflight({ answers: a, minor: 13 }, broken(), { ignore: [] });
    expect(preflightPassed(plain)).toBe(false);
    const r = await runPreflight({ answers: a, minor: 13 }, broken(), {
      ignore: ['etcdmember-HTTPS-192.168.50.1-2379'],
    });
    const etcd = r.checks.find((c) => c.name === 'EtcdMember-https-192.168.50.1-2379')!;
    expect(etcd).toMatchObject({
      status: 'ignored',
      severity: 'error',
      message: { key: 'preflight.etcd.refused' },
    });
    expect(etcd.fix).toBeDefined();
    expect(r.checks.find((c) => c.name === 'Swap')!.status).toBe('fail');
    expect(preflightPassed(r)).toBe(true);
    // a passing check stays a pass when named
    const named = await runPreflight({ answers: a, minor: 13 }, broken(), { ignore: ['Port-6443'] });
    expect(named.checks.find((c) => c.name === 'Port-6443')!.status).toBe('pass');
  });

  it('all ignores every failure', async () => {
    const r = await runPreflight({ answers: answers(), minor: 13 }, broken(), { ignore: ['ALL'] });
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(r.checks.filter((c) => c.status === 'ignored').map((c) => c.name)).toEqual([
      'EtcdMember-https-192.168.50.1-2379',
      'Swap',
    ]);
  });

  it('names that no check has are reported', async () => {
    const r = await runPreflight({ answers: answers(), minor: 13 }, broken(), { ignore: [] });
    expect(unknownIgnores(r, ['Port-6443,Prot-6443', 'all'])).toEqual(['prot-6443']);
  });

  it('a check that throws fails with its error instead of stopping the run', async () => {
    const host = fakeHost(dir);
    host.swaps = async () => {
      throw new Error('boom');
    };
    const r = await runPreflight({ answers: answers(), minor: 13 }, host, { ignore: [] });
    expect(r.checks.find((c) => c.name === 'Swap')).toMatchObject({
      status: 'fail',
      message: { key: 'preflight.crashed', params: { error: 'boom' } },
    });
    expect(r.checks).toHaveLength(
      (await runPreflight({ answers: answers(), minor: 13 }, fakeHost(dir), { ignore: [] })).checks.length,
    );
  });
});

describe('the order the checks run in', () => {
  it('those that wait on a process or machine start first; the report keeps the checks in their order', async () => {
    const host = fakeHost(dir);
    const asked: string[] = [];
    const note =
      <A extends unknown[], R>(what: string, f: (...args: A) => Promise<R>) =>
      (...args: A) => {
        asked.push(what);
        return f(...args);
      };
    host.systemd = note('systemd', host.systemd);
    host.etcdProbe = note('etcd', host.etcdProbe);
    host.timeSync = note('timeSync', host.timeSync);
    host.binaryHelp = note('help', host.binaryHelp);
    host.tryListen = note('tryListen', host.tryListen);
    host.readFile = note('readFile', host.readFile);
    const r = await runPreflight({ answers: answers(), minor: 13 }, host, { ignore: [] });
    // the etcd members and the clock are asked before the ports (listed before them) are tried
    // and before the first file is read
    const firstLocal = Math.min(asked.indexOf('tryListen'), asked.indexOf('readFile'));
    for (const early of ['systemd', 'etcd', 'timeSync'])
      expect(asked.indexOf(early), early).toBeLessThan(firstLocal);
    const names = r.checks.map((c) => c.name);
    expect(names.slice(0, 2)).toEqual(['IsPrivilegedUser', 'Systemd']);
    expect(names.indexOf('EtcdMember-https-192.168.50.101-2379')).toBeGreaterThan(names.indexOf('Port-6443'));
    expect(names.indexOf('Cert-ca-file')).toBeGreaterThan(names.indexOf('TimeSync'));
  });
});

describe('kmaster-wizard preflight', () => {
  it('prints every check with severity, result, message and fix; exit 1 on an error', async () => {
    const file = await answersFile(seedInput);
    const r = await cli((ctx) => preflightCommand(ctx, ['--answers', file], broken()));
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe('Preflight checks (Kubernetes 1.13):');
    const text = r.out.join('\n');
    expect(text).toMatch(/\n {2}✓ IsPrivilegedUser +error +pass +running as root\n/);
    expect(text).toMatch(
      /\n {2}✗ EtcdMember-https-192\.168\.50\.1-2379 +error +FAIL +https:\/\/192\.168\.50\.1:2379: connection refused \(no etcd listening\)\n {6}Fix: Start etcd on 192\.168\.50\.1 \(systemctl start etcd\)/,
    );
    // a warning never blocks: it is not called a failure
    expect(text).toMatch(/\n {2}! Swap +warning +WARN +swap is on: \/swapfile\n {6}Fix: swapoff -a/);
    expect(r.out.at(-2)).toMatch(/^\d+ passed, 1 error, 1 warning, 0 ignored, 0 skipped\.$/);
    expect(r.out.at(-1)).toContain('1 preflight error: fix it as its Fix line says');
  });

  it('exit 0 when the errors are ignored; warnings never block', async () => {
    const file = await answersFile(seedInput);
    const r = await cli((ctx) =>
      preflightCommand(
        ctx,
        ['--answers', file, '--ignore-preflight-errors=EtcdMember-https-192.168.50.1-2379'],
        broken(),
      ),
    );
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/ {2}! EtcdMember-https-192\.168\.50\.1-2379 +error +ignored +/);
    expect(r.out.at(-1)).toBe('No preflight error.');
  });

  it('--json prints the report as one JSON document', async () => {
    const file = await answersFile(seedInput);
    const r = await cli(
      (ctx) =>
        preflightCommand(ctx, ['--answers', file, '--json', '--ignore-preflight-errors=nosuch'], broken()),
      'zh',
    );
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out.join('\n'));
    expect(doc.ok).toBe(false);
    expect(doc.summary).toMatchObject({ errors: 1, warnings: 1 });
    const etcd = doc.checks.find((c: { name: string }) => c.name === 'EtcdMember-https-192.168.50.1-2379');
    expect(etcd).toMatchObject({
      severity: 'error',
      status: 'fail',
      message: { key: 'preflight.etcd.refused', params: { url: 'https://192.168.50.1:2379' } },
      text: 'https://192.168.50.1:2379:连接被拒绝(没有 etcd 在监听)',
    });
    expect(etcd.fixText).toContain('systemctl start etcd');
    expect(r.err).toEqual(['--ignore-preflight-errors:没有名为 "nosuch" 的检查项。']);
  });

  it('needs answers; bad answers exit 2', async () => {
    expect((await cli((ctx) => preflightCommand(ctx, [], broken()))).code).toBe(2);
    const file = await answersFile({ ...seedInput, advertiseAddress: 'nope' });
    const bad = await cli((ctx) => preflightCommand(ctx, ['--answers', file], broken()));
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('advertiseAddress');
  });

  it('--issue-certs issues the 1.24 client certificates under --root, then every check passes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kmw-issue-root-'));
    try {
      await writeSeedSet(root, { without: ['kube-controller-manager', 'kube-scheduler'] });
      const { realPreflightHost } = await import('../../src/preflight/host.js');
      const file = await answersFile({ ...seedInput, kubernetesVersion: '1.24' });
      const before = await cli((ctx) =>
        preflightCommand(ctx, ['--answers', file, '--root', root], realPreflightHost()),
      );
      // under --root a file that is not there is not judged
      expect(before.code).toBe(0);
      expect(before.out.join('\n')).toMatch(/- Cert-controller-manager-file +error +skip +/);
      const r = await cli((ctx) =>
        preflightCommand(ctx, ['--answers', file, '--root', root, '--issue-certs'], realPreflightHost()),
      );
      expect(r.code).toBe(0);
      expect(r.out[0]).toBe(
        `Issued: ${root}/etc/kubernetes/ssl/kube-controller-manager-key.pem (client key, mode 0600)`,
      );
      expect(r.out).toContain(
        `Under --root ${root}: this machine is not checked (root, systemd, binaries, addresses, ports, etcd, clock); files are checked where they exist under ${root}.`,
      );
      expect(r.out.join('\n')).toMatch(/✓ Cert-scheduler-CN +error +pass +CN system:kube-scheduler/);
      const again = await cli((ctx) =>
        preflightCommand(ctx, ['--answers', file, '--root', root, '--issue-certs'], realPreflightHost()),
      );
      expect(again.out[0]).toBe(
        `${root}/etc/kubernetes/ssl/kube-controller-manager.pem exists: left as it is`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('apply and the preflight', () => {
  it('preflightGate prints the report and says no while an error remains', async () => {
    const { ctx, out, err } = context();
    const gate = await preflightGate(ctx, answers(), 13, { ignore: [] }, broken());
    expect(gate.ok).toBe(false);
    expect(out[0]).toBe('Preflight checks (Kubernetes 1.13):');
    expect(err.at(-1)).toBe(
      'apply stopped before writing anything: 1 preflight error. Fix it, or pass --ignore-preflight-errors=NAME,... (or all).',
    );
    const ignored = await preflightGate(context().ctx, answers(), 13, { ignore: ['all'] }, broken());
    expect(ignored.ok).toBe(true);
  });

  it('apply --dry-run --root prints the preflight report after the plan', async () => {
    const root = join(dir, 'scratch');
    const file = await answersFile(seedInput);
    const r = await cli((ctx) => applyCommand(ctx, ['--answers', file, '--dry-run', '--root', root]));
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text.indexOf('Commands that would run:')).toBeLessThan(
      text.indexOf('Preflight checks (Kubernetes 1.13):'),
    );
    expect(text).toMatch(/- IsPrivilegedUser +error +skip +not checked under --root/);
    expect(text).toMatch(/- Cert-apiserver-file +error +skip +.*is not there/);
    await expect(stat(root)).rejects.toThrow();
  });

  it('apply on this machine stops at the preflight: nothing written, no unit touched', async () => {
    // everything this run could touch lives in the temp dir; etcd is asked on a closed loopback port
    const scratch = join(dir, 'host');
    const file = await answersFile({
      kubernetesVersion: '1.13',
      // a documentation address: not this host's, let through as if NATed to it (below)
      advertiseAddress: '192.0.2.10',
      bindAddress: '127.0.0.1',
      securePort: 6443,
      etcdServers: ['https://127.0.0.1:1'],
      paths: { binDir: `${scratch}/bin`, configDir: `${scratch}/etc`, unitDir: `${scratch}/units` },
    });
    const r = await cli((ctx) =>
      applyCommand(ctx, ['--answers', file, '--yes', '--ignore-preflight-errors=HostAddress-advertise']),
    );
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/✗ FileExisting-kube-apiserver +error +FAIL/);
    expect(r.out.join('\n')).toMatch(/HostAddress-advertise +error +ignored/);
    expect(r.err.at(-1)).toMatch(/^apply stopped before writing anything: \d+ preflight errors?\./);
    await expect(readdir(scratch)).rejects.toThrow();
  });

  it('the report reads in Chinese too', async () => {
    const r = await runPreflight({ answers: answers(), minor: 13 }, broken(), { ignore: [] });
    const lines = reportLines(translator('zh'), r, translator('zh')('preflight.title', { version: '1.13' }));
    expect(lines[0]).toBe('预检(Kubernetes 1.13):');
    expect(lines.join('\n')).toContain('修复:swapoff -a,并注释掉 /etc/fstab 中的 swap 行');
    expect(lines.at(-1)).toMatch(/^通过 \d+,错误 1,警告 1,已忽略 0,跳过 0。$/);
  });
});
