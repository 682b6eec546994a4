// --set KEY=VALUE on the commands and in the wizard: master 2 from master 1's answers.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkSets, checkSetsAlone } from '../../src/commands/answers-source.js';
import { applyCommand } from '../../src/commands/apply.js';
import { ExitError } from '../../src/commands/exit.js';
import { preflightCommand } from '../../src/commands/preflight.js';
import { profilesCommand } from '../../src/commands/profiles.js';
import { statusCommand } from '../../src/commands/status.js';
import type { CommandContext } from '../../src/context.js';
import { translator } from '../../src/i18n/index.js';
import { SEED } from '../../src/model/seed.js';
import { realPreflightHost } from '../../src/preflight/host.js';
import { createServices } from '../../src/wizard/services.js';
import { captureContext } from './helpers/context.js';

const master1 = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

let work: string;
let root: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-set-'));
  root = join(work, 'root');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function cli(fn: (ctx: CommandContext) => Promise<number>, lang: 'en' | 'zh' = 'en') {
  const { ctx, out, err } = captureContext(lang);
  ctx.configDir = join(work, 'config');
  try {
    return { code: await fn(ctx), out, err };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.exitCode, out, err };
    throw error;
  }
}

async function file(content: unknown, name = 'm1.yaml'): Promise<string> {
  const path = join(work, name);
  await writeFile(path, stringify(content));
  return path;
}

describe('apply --set', () => {
  it('master 2 from master 1’s profile: the addresses set on the command line are what is written', async () => {
    const imported = await cli(async (ctx) => profilesCommand(ctx, ['import', await file(master1)]));
    expect(imported.code).toBe(0);
    const r = await cli((ctx) =>
      applyCommand(ctx, [
        '--profile',
        'm1',
        '--set',
        'advertiseAddress=192.168.50.102',
        '--set',
        'bindAddress=192.168.50.102',
        '--root',
        root,
      ]),
    );
    expect(r.code).toBe(0);
    const env = await readFile(join(root, 'etc/kubernetes/apiserver'), 'utf8');
    expect(env).toContain(
      'KUBE_API_ADDRESS="--advertise-address=192.168.50.102 --bind-address=192.168.50.102"',
    );
  });

  it('a refused --set value is named at its field like a file’s, and nothing is written', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const r = await cli(
        async (ctx) =>
          applyCommand(ctx, ['--answers', await file(master1), '--set', 'securePort=70000', '--root', root]),
        lang,
      );
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(translator(lang)('invalid.header'));
      expect(r.err[1]).toMatch(/^ {2}securePort: ?.*70000/);
    }
    const typo = await cli(async (ctx) =>
      applyCommand(ctx, [
        '--answers',
        await file(master1),
        '--set',
        'advertiseAdress=1.2.3.4',
        '--root',
        root,
      ]),
    );
    expect(typo.err.join('\n')).toContain(
      'advertiseAdress: "1.2.3.4" is not accepted; expected one of the known keys',
    );
    await expect(stat(root)).rejects.toThrow();
  });

  it('a --set that is not KEY=VALUE, or runs through a single value, exits 2 before anything is read', async () => {
    const missing = join(work, 'does-not-exist.yaml');
    const bad = await cli((ctx) =>
      applyCommand(ctx, ['--answers', missing, '--set', 'securePort', '--root', root]),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([
      '--set securePort: expected KEY=VALUE, like --set advertiseAddress=192.168.50.102',
    ]);
    const through = await cli(async (ctx) =>
      applyCommand(ctx, ['--answers', await file(master1), '--set', 'securePort.x=1', '--root', root]),
    );
    expect(through.code).toBe(2);
    expect(through.err[0]).toContain('--set securePort.x: securePort holds a single value');
    await expect(stat(root)).rejects.toThrow();
  });
});

describe('preflight and status --set', () => {
  it('preflight checks the answers with the sets applied', async () => {
    const r = await cli(async (ctx) =>
      preflightCommand(
        ctx,
        ['--answers', await file(master1), '--set', 'securePort=7443', '--root', root, '--json'],
        realPreflightHost(),
      ),
    );
    const names = JSON.parse(r.out.join('\n')).checks.map((c: { name: string }) => c.name);
    expect(names).toContain('Port-7443');
    expect(names).not.toContain('Port-6443');
  });

  it('status without answers takes the seed’s values with the sets on top', async () => {
    // loopback only: nothing leaves this machine (the advertise address, which may not be
    // loopback, is a documentation address that nothing is asked at)
    const r = await cli((ctx) =>
      statusCommand(ctx, [
        '--json',
        '--set',
        'kubernetesVersion=1.24',
        '--set',
        'advertiseAddress=192.0.2.10',
        '--set',
        'bindAddress=127.0.0.1',
        '--set',
        'securePort=9',
        '--set',
        'etcdServers=[https://127.0.0.1:9]',
      ]),
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out.join('\n'));
    expect(report.version).toBe('1.24');
    expect(report.rows.map((x: { endpoint: string }) => x.endpoint)).toEqual([
      'https://127.0.0.1:9/health',
      'https://127.0.0.1:9/livez https://127.0.0.1:9/readyz',
      'https://127.0.0.1:10257/healthz',
      'https://127.0.0.1:10259/healthz',
    ]);
  });
});

describe('the wizard’s --set', () => {
  it('a value refused on its own stops the wizard before it starts; one that fits is kept', async () => {
    const refused = await cli(async (ctx) => {
      await checkSetsAlone(ctx, checkSets(ctx, ['securePort=0', 'bindAddress=192.168.50.102']));
      return 0;
    });
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual([
      'A --set value is not valid; the wizard did not start:',
      '  securePort: 0 is not accepted; expected a whole number from 1 to 65535.',
    ]);
    const fine = await cli(async (ctx) => {
      await checkSetsAlone(ctx, checkSets(ctx, ['bindAddress=0.0.0.0']));
      return 0;
    });
    expect(fine).toEqual({ code: 0, out: [], err: [] });
  });

  it('the answers the wizard starts from carry the sets', async () => {
    const { ctx } = captureContext();
    const sets = checkSets(ctx, ['advertiseAddress=192.168.50.102', 'securePort=7443']);
    const services = createServices(() => ({
      t: ctx.t,
      configDir: join(work, 'config'),
      root,
      mode: { kind: 'root', root },
      version: '1.13',
      sets,
      send: () => {},
    }));
    const events = await services.run({ id: 1, kind: 'begin', choice: 'new' });
    const begun = events.find((e) => e.type === 'BEGUN');
    expect(begun?.type === 'BEGUN' && begun.payload.draft).toMatchObject({
      advertiseAddress: '192.168.50.102',
      securePort: '7443',
    });
  });
});
