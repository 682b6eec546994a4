import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, type Component } from '../../src/model/components.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { envOf } from '../../src/parse/envfile.js';
import { execArgv, parseUnit } from '../../src/parse/unit.js';
import { renderFiles } from '../../src/render/files.js';

// The seed guide's own files, copied verbatim, where the guide puts them.
const SEED_DIR = new URL('../fixtures/seed/', import.meta.url).pathname;
const SEED_FILES: Record<Component, { env: string; unit: string }> = {
  'kube-apiserver': { env: 'etc/kubernetes/apiserver', unit: 'lib/systemd/system/kube-apiserver.service' },
  'kube-controller-manager': {
    env: 'etc/kubernetes/controller-manager',
    unit: 'lib/systemd/system/kube-controller-manager.service',
  },
  'kube-scheduler': {
    env: 'etc/kubernetes/scheduler',
    unit: 'usr/lib/systemd/system/kube-scheduler.service',
  },
};

const parsed = parseAnswers({
  kubernetesVersion: '1.13',
  advertiseAddress: SEED.advertiseAddress,
  bindAddress: SEED.bindAddress,
  securePort: SEED.securePort,
  etcdServers: [...SEED.etcdServers],
});
if (!parsed.ok) throw new Error('seed answers must be valid');
const seedAnswers = parsed.answers;

const read = (p: string) => readFile(join(SEED_DIR, p), 'utf8');

describe('golden: Kubernetes 1.13 with the seed’s answers is the seed, flag for flag', () => {
  const { files, layout } = renderFiles(seedAnswers, 13);
  const rendered = (c: Component, kind: 'envfile' | 'unit') =>
    files.find((f) => f.component === c && f.kind === kind)!.content;

  it('leaves out no flag of the seed', () => {
    expect(layout.dropped).toEqual([]);
  });

  it.each(COMPONENTS)('%s: every variable of the EnvironmentFile holds the seed’s flags', async (c) => {
    const seedEnv = envOf(await read(SEED_FILES[c].env));
    const ours = envOf(rendered(c, 'envfile'));
    expect([...ours.keys()]).toEqual([...seedEnv.keys()]);
    for (const [key, value] of seedEnv) expect(ours.get(key)?.split(' '), key).toEqual(value.split(' '));
  });

  it.each(COMPONENTS)('%s: systemd starts it with the seed’s command line', async (c) => {
    const seedArgv = execArgv(await read(SEED_FILES[c].unit), await read(SEED_FILES[c].env));
    expect(execArgv(rendered(c, 'unit'), rendered(c, 'envfile'))).toEqual(seedArgv);
  });

  it.each(COMPONENTS)('%s: the unit has the seed’s settings, EnvironmentFile and all', async (c) => {
    const seedUnit = parseUnit(await read(SEED_FILES[c].unit));
    const ours = parseUnit(rendered(c, 'unit'));
    expect([...ours.sections.entries()]).toEqual([...seedUnit.sections.entries()]);
  });
});

// Whole-text pins of what each era renders, reviewed by hand when they change
// (UPDATE_GOLDEN=1 npx vitest run test/unit/render-golden.test.ts rewrites them).
const GOLDEN_DIR = new URL('../golden/', import.meta.url).pathname;
describe.each([13, 19, 20, 24, 36])('golden: the files for Kubernetes 1.%i', (minor) => {
  it('match the reviewed copy', async () => {
    for (const file of renderFiles(seedAnswers, minor).files) {
      const golden = join(GOLDEN_DIR, `1.${minor}`, file.path);
      if (process.env.UPDATE_GOLDEN === '1') {
        await mkdir(dirname(golden), { recursive: true });
        await writeFile(golden, file.content);
      }
      expect(existsSync(golden), golden).toBe(true);
      expect(file.content).toBe(await readFile(golden, 'utf8'));
    }
  });
});
