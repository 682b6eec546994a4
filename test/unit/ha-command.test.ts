// apply with the HA front, under --root: the files it writes, the commands it plans, and the
// answers refused before anything is written.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyCommand } from '../../src/commands/apply.js';
import { ExitError } from '../../src/commands/exit.js';
import type { CommandContext } from '../../src/context.js';
import { SEED } from '../../src/model/seed.js';
import { captureContext } from './helpers/context.js';

const pair = {
  kubernetesVersion: '1.24',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
  ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100' },
};

let work: string;
let root: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'kmw-ha-cmd-'));
  root = join(work, 'root');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function apply(argv: string[]) {
  const { ctx, out, err } = captureContext();
  try {
    return { code: await applyCommand(ctx as CommandContext, argv), out, err };
  } catch (error) {
    if (error instanceof ExitError) return { code: error.exitCode, out, err };
    throw error;
  }
}
const file = async (content: unknown) => {
  const path = join(work, 'pair.yaml');
  await writeFile(path, stringify(content));
  return path;
};

describe('apply --root with ha:', () => {
  it('writes keepalived.conf, haproxy.cfg and the admin kubeconfig, and plans their services after the components', async () => {
    const r = await apply(['--answers', await file(pair), '--set', 'ha.interface=eth0', '--root', root]);
    expect(r.code, r.err.join('\n')).toBe(0);
    const conf = await readFile(join(root, 'etc/keepalived/keepalived.conf'), 'utf8');
    expect(conf).toContain('    interface eth0\n');
    expect(await readFile(join(root, 'etc/haproxy/haproxy.cfg'), 'utf8')).toContain(
      'server master-192-168-50-102 192.168.50.102:6443',
    );
    expect((await stat(join(root, 'etc/kubernetes/admin.kubeconfig'))).mode & 0o777).toBe(0o600);
    const commands = r.out.filter((l) => l.startsWith('  systemctl'));
    // their units come with their packages (enabled and running once installed): restarted
    expect(commands.slice(-2)).toEqual([
      '  systemctl restart haproxy.service',
      '  systemctl restart keepalived.service',
    ]);
    expect(commands.some((c) => c.includes('enable') && c.includes('haproxy'))).toBe(false);
  });

  it('for another machine without ha.interface, the field is named and nothing is written', async () => {
    // the advertise address is not on this machine, so no interface of it can be taken
    const r = await apply([
      '--answers',
      await file(pair),
      '--set',
      'advertiseAddress=192.0.2.1',
      '--set',
      'bindAddress=192.0.2.1',
      '--set',
      'ha.masters=[192.0.2.1, 192.0.2.2]',
      '--set',
      'ha.vip=192.0.2.100',
      '--root',
      root,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'The answers are not valid; nothing was written:',
      '  ha.interface: (missing) is not accepted; expected the name of the VRRP interface: no interface of this host holds the advertise address 192.0.2.1 (files for another machine must name it).',
    ]);
    await expect(readdir(root)).rejects.toThrow();
  });

  it.each([
    ['ha.vip=192.168.50.101', 'ha.vip: "192.168.50.101" is not accepted'],
    ['ha.port=6443', 'ha.port: 6443 is not accepted'],
    [
      'ha.masters=[192.168.50.102, 192.168.50.103]',
      'ha.masters: ["192.168.50.102","192.168.50.103"] is not accepted',
    ],
    [
      'ha.vip=10.254.1.1',
      'ha.vip: "10.254.1.1" is not accepted; expected an address outside the service range',
    ],
  ])('refuses --set %s with the field named, writing nothing', async (set, said) => {
    const r = await apply([
      '--answers',
      await file(pair),
      '--set',
      'ha.interface=eth0',
      '--set',
      set,
      '--root',
      root,
    ]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain(said);
    await expect(readdir(root)).rejects.toThrow();
  });
});
