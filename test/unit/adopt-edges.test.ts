import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flagKey, flagMap } from '../../src/adopt/flag-map.js';
import { readFlags } from '../../src/adopt/given-flags.js';
import { adoptFromDisk, describeAdopt } from '../../src/adopt/index.js';
import { translator } from '../../src/i18n/index.js';
import { COMPONENTS } from '../../src/model/components.js';
import { describeProblem } from '../../src/model/issues.js';
import { ownFlags } from '../../src/model/layout.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { seedMustChangeAnswers } from '../../src/model/seed.js';

const SEED_ROOT = new URL('../fixtures/seed/', import.meta.url).pathname.replace(/\/$/, '');
const en = translator('en');
const zh = translator('zh');

let scratch: string;
let root: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kmw-adopt-edge-'));
  root = join(scratch, 'root');
  await cp(SEED_ROOT, root, { recursive: true });
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function edit(file: string, from: string, to: string): Promise<void> {
  const path = join(root, file);
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

const described = (problems: Parameters<typeof describeProblem>[0][]) =>
  problems.map((p) => describeProblem(p, en));

describe('adopt', () => {
  it('finds nothing on a host without a master', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    const result = await adoptFromDisk(empty);
    expect(result).toEqual({ files: [], answers: null, unknownFlags: [], problems: [] });
    expect(describeAdopt(result, en)).toEqual([en('adopt.nothing')]);
  });

  it('takes a unit from /etc/systemd/system over the packaged one, as systemd does', async () => {
    const packaged = await readFile(join(root, 'lib/systemd/system/kube-apiserver.service'), 'utf8');
    await mkdir(join(root, 'etc/systemd/system'), { recursive: true });
    await writeFile(
      join(root, 'etc/systemd/system/kube-apiserver.service'),
      packaged.replace('/usr/local/bin/kube-apiserver', '/opt/k8s/bin/kube-apiserver'),
    );
    const result = await adoptFromDisk(root);
    expect(result.files).toContain(join(root, 'etc/systemd/system/kube-apiserver.service'));
    expect(result.files).not.toContain(join(root, 'lib/systemd/system/kube-apiserver.service'));
    expect(result.answers?.paths?.binDir).toBe('/opt/k8s/bin');
    // the other two units run /usr/local/bin: one binDir cannot hold both
    expect(result.problems.map((p) => p.field)).toEqual(['paths.binDir']);
    const text = describeProblem(result.problems[0]!, en);
    expect(text).toContain('ExecStart=/opt/k8s/bin/kube-apiserver');
    expect(text).toContain('ExecStart=/usr/local/bin/kube-controller-manager');
  });

  it('reads the EnvironmentFiles alone when the units are gone', async () => {
    await rm(join(root, 'lib'), { recursive: true });
    await rm(join(root, 'usr'), { recursive: true });
    const result = await adoptFromDisk(root);
    expect(result.problems).toEqual([]);
    expect(result.files).toHaveLength(3);
    expect(result.answers).toMatchObject({ advertiseAddress: '192.168.50.101', securePort: 6443 });
    expect(result.answers?.paths).toBeUndefined();
  });

  it('reports a value it cannot read, naming the field, the file and the form it takes', async () => {
    await edit('etc/kubernetes/apiserver', '--secure-port=6443', '--secure-port=https');
    await edit('etc/kubernetes/apiserver', '--anonymous-auth=false', '--anonymous-auth=no');
    const result = await adoptFromDisk(root);
    expect(result.problems.map((p) => p.field).sort()).toEqual(['apiserver.anonymousAuth', 'securePort']);
    const text = described(result.problems).join('\n');
    expect(text).toContain(
      'securePort: "https" is not accepted; expected a value of the form the wizard writes',
    );
    expect(text).toContain('--secure-port=6443');
    expect(text).toContain(join(root, 'etc/kubernetes/apiserver'));
  });

  it('reports a fixed flag set to another value (it would be replaced)', async () => {
    await edit(
      'etc/kubernetes/controller-manager',
      '--master=http://127.0.0.1:8080',
      '--master=http://192.168.50.101:8080',
    );
    const result = await adoptFromDisk(root);
    expect(result.problems.map((p) => p.field)).toEqual(['kube-controller-manager --master']);
    expect(describeProblem(result.problems[0]!, en)).toContain(
      '--master=http://127.0.0.1:8080, which the wizard always writes',
    );
    expect(describeProblem(result.problems[0]!, zh)).toContain('向导为 kube-controller-manager 固定写入的值');
  });

  it('reports a missing EnvironmentFile the unit requires, and the answers it leaves out', async () => {
    await edit(
      'lib/systemd/system/kube-apiserver.service',
      'EnvironmentFile=-/etc/kubernetes/apiserver',
      'EnvironmentFile=/etc/kubernetes/apiserver',
    );
    await rm(join(root, 'etc/kubernetes/apiserver'));
    const result = await adoptFromDisk(root);
    const fields = result.problems.map((p) => p.field);
    expect(fields[0]).toBe('kube-apiserver');
    expect(describeProblem(result.problems[0]!, en)).toContain(
      'the EnvironmentFile /etc/kubernetes/apiserver that',
    );
    expect(fields).toEqual(
      expect.arrayContaining(['advertiseAddress', 'bindAddress', 'securePort', 'etcdServers']),
    );
  });

  it('reports words that are not flags and flags given twice (the last counts, as for the binary)', async () => {
    await edit(
      'etc/kubernetes/scheduler',
      '--leader-elect=true \\',
      '--leader-elect=true stray \\\n--leader-elect=false \\',
    );
    const result = await adoptFromDisk(root);
    const text = described(result.problems);
    expect(result.problems.map((p) => p.field)).toEqual(['scheduler.extraArgs', 'kube-scheduler']);
    expect(text[0]).toContain(
      '"stray" is not accepted; expected flags only on the command line of kube-scheduler',
    );
    expect(text[1]).toContain('--leader-elect given once');
    expect(result.answers?.scheduler?.leaderElect).toBe(false);
  });

  it('reports a unit that runs another program than the component', async () => {
    await edit(
      'usr/lib/systemd/system/kube-scheduler.service',
      '/usr/local/bin/kube-scheduler',
      '/usr/local/bin/hyperkube-scheduler',
    );
    const result = await adoptFromDisk(root);
    expect(result.problems.map((p) => p.field)).toEqual(['paths.binDir']);
    expect(describeProblem(result.problems[0]!, en)).toContain('runs /usr/local/bin/hyperkube-scheduler');
  });

  it('passes on the answers checks: an unknown flag whose value the answers refuse is reported', async () => {
    await edit('etc/kubernetes/apiserver', '--v=2"', "--v=2 --feature-gates='A=true B=false'\"");
    const result = await adoptFromDisk(root);
    expect(result.unknownFlags).toEqual([
      { component: 'kube-apiserver', flag: '--feature-gates', arg: '--feature-gates=A=true B=false' },
    ]);
    expect(result.problems.map((p) => p.field)).toEqual(['apiserver.extraArgs.0']);
  });
});

describe('readFlags: the command line as pflag reads it', () => {
  const words = (...w: string[]) => w.map((word) => ({ word, file: 'f' }));
  it('reads each form of a flag', () => {
    const { flags, stray } = readFlags(
      words('--a=1', '--b', '2', '--c', '--d=', '-v', '3', '-v=4', '-v5', '--log_dir', '/x', '--e', 'stray?'),
      (name) => name === '--e',
    );
    expect(flags.map((f) => f.arg)).toEqual([
      '--a=1',
      '--b=2',
      '--c',
      '--d=',
      '--v=3',
      '--v=4',
      '--v=5',
      '--log-dir=/x',
      '--e',
    ]);
    expect(stray.map((s) => s.word)).toEqual(['stray?']);
  });
  it('treats everything after -- and single-dash words as stray', () => {
    const { flags, stray } = readFlags(words('-x', '--a=1', '--', '--b'), () => false);
    expect(flags.map((f) => f.arg)).toEqual(['--a=1']);
    expect(stray.map((s) => s.word)).toEqual(['-x', '--b']);
  });
});

describe('the flag map, found from the layout', () => {
  it('knows every flag the wizard manages: bound to a field, fixed, or derived', () => {
    const map = flagMap();
    const seed = parseAnswers(seedMustChangeAnswers());
    if (!seed.ok) throw new Error('the seed answers do not parse');
    const own = ownFlags(seed.answers);
    expect(own['kube-apiserver'].size).toBeGreaterThan(20);
    for (const c of COMPONENTS) {
      for (const flag of own[c]) {
        const key = flagKey(c, flag);
        expect(map.bindings.has(key) || map.fixed.has(key) || map.derived.has(key), key).toBe(true);
      }
    }
  });
  it('binds the seed’s flags to their fields', () => {
    const map = flagMap();
    const paths = (c: (typeof COMPONENTS)[number], flag: string) =>
      map.bindings.get(flagKey(c, flag))?.map((b) => b.path.join('.'));
    expect(paths('kube-apiserver', '--service-cluster-ip-range')).toEqual(['serviceClusterIpRange']);
    expect(paths('kube-controller-manager', '--service-cluster-ip-range')).toEqual(['serviceClusterIpRange']);
    expect(paths('kube-controller-manager', '--root-ca-file')).toEqual(['certs.caFile']);
    expect(paths('kube-scheduler', '--address')).toEqual(['scheduler.bindAddress']);
    expect(paths('kube-apiserver', '--enable-swagger-ui')).toEqual(['apiserver.enableSwaggerUi']);
    expect(paths('kube-controller-manager', '--kubeconfig')).toEqual(['paths.configDir']);
    expect(map.fixed.get(flagKey('kube-scheduler', '--master'))).toEqual(new Set(['http://127.0.0.1:8080']));
  });
});
