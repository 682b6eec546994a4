import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyCommand } from '../../src/commands/apply.js';
import { ExitError } from '../../src/commands/exit.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { minorString, NEWEST_MINOR } from '../../src/model/version.js';
import { renderFiles } from '../../src/render/files.js';
import { captureContext } from './helpers/context.js';

const seedAnswers = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function apply(argv: string[], lang: 'en' | 'zh' = 'en'): Promise<Run> {
  const { ctx, out, err } = captureContext(lang);
  try {
    return { code: await applyCommand(ctx, argv), out, err };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.exitCode, out, err };
    throw error;
  }
}

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length))
    .sort();
}

let work: string;
let root: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-apply-'));
  root = join(work, 'root');
});

async function answersFile(content: unknown, name = 'answers.yaml'): Promise<string> {
  const file = join(work, name);
  await writeFile(file, name.endsWith('.json') ? JSON.stringify(content) : stringify(content));
  return file;
}

describe('apply --root', () => {
  it('writes the seed’s six files under DIR with their modes and runs nothing', async () => {
    const run = await apply(['--answers', await answersFile(seedAnswers), '--root', root]);
    expect(run.code).toBe(0);
    expect(await listTree(root)).toEqual([
      '/etc/kubernetes/apiserver',
      '/etc/kubernetes/controller-manager',
      '/etc/kubernetes/scheduler',
      '/etc/systemd/system/kube-apiserver.service',
      '/etc/systemd/system/kube-controller-manager.service',
      '/etc/systemd/system/kube-scheduler.service',
    ]);
    const parsed = parseAnswers(seedAnswers);
    if (!parsed.ok) throw new Error('seed answers invalid');
    for (const file of renderFiles(parsed.answers, 13).files) {
      expect(await readFile(join(root, file.path), 'utf8')).toBe(file.content);
      expect((await stat(join(root, file.path))).mode & 0o777).toBe(file.mode);
    }
    // new units: read by systemd, enabled together, started (there is nothing to restart)
    expect(run.out.slice(run.out.indexOf('  systemctl daemon-reload'))).toEqual([
      '  systemctl daemon-reload',
      '  systemctl enable --no-reload kube-apiserver.service kube-controller-manager.service kube-scheduler.service',
      '  systemctl start kube-apiserver.service',
      '  systemctl start kube-controller-manager.service',
      '  systemctl start kube-scheduler.service',
    ]);
  });

  it('writes kubeconfigs (mode 0600) for versions without the insecure port', async () => {
    const run = await apply([
      '--answers',
      await answersFile({ ...seedAnswers, kubernetesVersion: '1.24' }),
      '--root',
      root,
    ]);
    expect(run.code).toBe(0);
    const kubeconfig = join(root, 'etc/kubernetes/controller-manager.kubeconfig');
    expect((await stat(kubeconfig)).mode & 0o777).toBe(0o600);
    expect(await readFile(kubeconfig, 'utf8')).toContain('server: https://192.168.50.101:6443');
  });

  it('changes nothing when run again with the same answers', async () => {
    const file = await answersFile(seedAnswers);
    await apply(['--answers', file, '--root', root]);
    const before = await Promise.all(
      (await listTree(root)).map(async (p) => (await stat(join(root, p))).mtimeMs),
    );
    const again = await apply(['--answers', file, '--root', root]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing changed: every file is already as the answers say.');
    const after = await Promise.all(
      (await listTree(root)).map(async (p) => (await stat(join(root, p))).mtimeMs),
    );
    expect(after).toEqual(before);
    expect((await listTree(root)).some((p) => p.includes('.bak-'))).toBe(false);
  });

  it('keeps a timestamped backup of every file it replaces', async () => {
    await apply(['--answers', await answersFile(seedAnswers), '--root', root]);
    const old = await readFile(join(root, 'etc/kubernetes/apiserver'), 'utf8');
    const run = await apply([
      '--answers',
      await answersFile({ ...seedAnswers, securePort: 8443 }, 'b.yaml'),
      '--root',
      root,
    ]);
    expect(run.code).toBe(0);
    const files = await listTree(root);
    const backups = files.filter((p) => p.startsWith('/etc/kubernetes/apiserver.bak-'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/\.bak-\d{8}T\d{6}Z$/);
    expect(await readFile(join(root, backups[0]!), 'utf8')).toBe(old);
    expect(await readFile(join(root, 'etc/kubernetes/apiserver'), 'utf8')).toContain('--secure-port=8443');
    // the scheduler's files did not change, so they were neither rewritten nor backed up
    expect(files.filter((p) => p.includes('scheduler.bak-'))).toEqual([]);
  });

  it('reads JSON answers as well as YAML', async () => {
    const run = await apply(['--answers', await answersFile(seedAnswers, 'a.json'), '--root', root]);
    expect(run.code).toBe(0);
    expect(await listTree(root)).toHaveLength(6);
  });
});

describe('apply --dry-run', () => {
  it('writes nothing and prints each file as a diff with its real destination, then the commands', async () => {
    const run = await apply(['--answers', await answersFile(seedAnswers), '--dry-run', '--root', root]);
    expect(run.code).toBe(0);
    await expect(stat(root)).rejects.toThrow();
    const text = run.out.join('\n');
    expect(text).toContain('Would write /etc/kubernetes/apiserver (new, mode 0644)');
    expect(text).toContain('+++ /etc/kubernetes/apiserver');
    expect(text).toContain('+KUBE_API_PORT="--secure-port=6443"');
    expect(text).toContain(
      'Commands that would run:\n  systemctl daemon-reload\n  systemctl enable --no-reload kube-apiserver.service kube-controller-manager.service kube-scheduler.service\n  systemctl start kube-apiserver.service',
    );
  });

  it('shows only what changed against the files on disk', async () => {
    await apply(['--answers', await answersFile(seedAnswers), '--root', root]);
    const run = await apply([
      '--answers',
      await answersFile({ ...seedAnswers, securePort: 8443 }, 'b.yaml'),
      '--dry-run',
      '--root',
      root,
    ]);
    const text = run.out.join('\n');
    expect(text).toContain('-KUBE_API_PORT="--secure-port=6443"\n+KUBE_API_PORT="--secure-port=8443"');
    expect(text).toContain('/etc/kubernetes/scheduler is unchanged');
    // a changed EnvironmentFile: only its unit is restarted; no unit file changed, so no
    // daemon-reload, and the units there already are taken to be enabled and running
    expect(text).toContain('Commands that would run:\n  systemctl restart kube-apiserver.service\n\n');
  });
});

describe('apply with bad input', () => {
  it('exits 2, names every bad field and writes nothing', async () => {
    const run = await apply([
      '--answers',
      await answersFile({ ...seedAnswers, advertiseAddress: '0.0.0.0', securePort: 70000 }),
      '--root',
      root,
    ]);
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe('The answers are not valid; nothing was written:');
    expect(run.err.join('\n')).toContain('advertiseAddress: "0.0.0.0" is not accepted');
    expect(run.err.join('\n')).toContain('securePort: 70000 is not accepted');
    await expect(stat(root)).rejects.toThrow();
  });

  it('exits 2 on a file that is not YAML or JSON', async () => {
    const file = join(work, 'broken.yaml');
    await writeFile(file, 'advertiseAddress: [unclosed\n');
    const run = await apply(['--answers', file, '--root', root]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([
      `The answers file ${file} is not valid YAML or JSON: line 2, column 1: a [ or { that is not closed with its ] or }. Nothing was written.`,
    ]);
  });

  it('exits 2 when no version is given and no kube-apiserver binary can tell it', async () => {
    const { kubernetesVersion: _, ...noVersion } = seedAnswers;
    const run = await apply([
      '--answers',
      await answersFile({ ...noVersion, paths: { binDir: join(work, 'no-bin') } }),
      '--root',
      root,
    ]);
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toContain('kubernetesVersion: not given in the answers');
    await expect(stat(root)).rejects.toThrow();
  });

  it('detects the version from the binary when the answers do not give it', async () => {
    const bin = join(work, 'bin');
    const { mkdir, chmod } = await import('node:fs/promises');
    await mkdir(bin);
    await writeFile(join(bin, 'kube-apiserver'), '#!/bin/sh\necho "Kubernetes v1.24.17"\n');
    await chmod(join(bin, 'kube-apiserver'), 0o755);
    const { kubernetesVersion: _, ...noVersion } = seedAnswers;
    const run = await apply([
      '--answers',
      await answersFile({ ...noVersion, paths: { binDir: bin } }),
      '--root',
      root,
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`Kubernetes 1.24 (from ${bin}/kube-apiserver --version)`);
    expect(await readFile(join(root, 'etc/kubernetes/scheduler'), 'utf8')).toContain('--kubeconfig=');
  });

  it('accepts a minor newer than the newest known with a warning, and writes it as the newest known', async () => {
    const newer = minorString(NEWEST_MINOR + 1);
    const newest = minorString(NEWEST_MINOR);
    const run = await apply([
      '--answers',
      await answersFile({ ...seedAnswers, kubernetesVersion: newer }),
      '--root',
      root,
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      `Warning: Kubernetes ${newer} is newer than the newest version kmaster-wizard knows (${newest}); the files are written as for ${newest}, and preflight checks each flag against the binaries.`,
    );
    const parsed = parseAnswers({ ...seedAnswers, kubernetesVersion: newer });
    if (!parsed.ok) throw new Error('answers invalid');
    for (const file of renderFiles(parsed.answers, NEWEST_MINOR).files) {
      expect(await readFile(join(root, file.path), 'utf8')).toBe(file.content);
    }
  });

  it('needs --answers or --profile', async () => {
    const run = await apply(['--root', root]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual(['apply needs --answers FILE or --profile NAME.']);
  });
});
