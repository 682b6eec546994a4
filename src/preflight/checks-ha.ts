import type { ConfigProgram } from '../host/ha-config.js';
import type { Answers } from '../model/answers.js';
import { CURL, HAPROXY_CFG, KEEPALIVED_CONF } from '../model/ha-layout.js';
import { haMisfits, vrrpInterface } from '../model/host-fit.js';
import { renderFiles } from '../render/files.js';
import { hostCheck } from './checks-system.js';
import { type Check, type CheckContext, fail, pass, skip, text } from './types.js';

/**
 * The HA front's checks (only with ha: in the answers): its programs are installed (Debian's
 * packages), the VRRP interface exists and the VIP lies in its network, and haproxy and
 * keepalived accept the files that would be written. The VIP in the apiserver certificate and
 * haproxy's port are checked with the certificates and the ports.
 */
const PROGRAM_PATHS = [
  { name: 'haproxy', path: '/usr/sbin/haproxy', pkg: 'haproxy' },
  { name: 'keepalived', path: '/usr/sbin/keepalived', pkg: 'keepalived' },
  { name: 'curl', path: CURL, pkg: 'curl' },
] as const;

function programCheck(p: (typeof PROGRAM_PATHS)[number]): Check {
  return hostCheck(`FileExisting-${p.name}`, 'error', async (ctx) => {
    const f = await ctx.host.fileFacts(p.path);
    if (f.exists && f.isFile && f.executable) return pass('preflight.binary.ok', { path: p.path });
    return fail(
      text('preflight.ha.programMissing', { path: p.path }),
      text('preflight.fix.aptInstall', { packages: PROGRAM_PATHS.map((x) => x.pkg).join(' ') }),
    );
  });
}

/**
 * The VRRP interface: ha.interface, else the one holding the advertise address (for another
 * master's answers, which HostAddress-advertise refuses, the one holding this host's own).
 */
function interfaceName(a: Answers, ctx: CheckContext): string | null {
  return a.ha?.interface ?? vrrpInterface(ctx.host.addresses(), a.advertiseAddress, a.ha?.masters ?? []);
}

function interfaceCheck(a: Answers): Check {
  return hostCheck('HA-interface', 'error', async (ctx) => {
    const bad = haMisfits(a, ctx.host.addresses()).find((p) => p.field === 'ha.interface');
    if (bad) {
      return fail(
        text('preflight.ha.noInterface', { iface: String(bad.value) }),
        text('preflight.fix.haInterface', { list: String(bad.accepted.params?.list ?? '-') }),
      );
    }
    const iface = interfaceName(a, ctx);
    if (!iface) {
      return fail(
        text('preflight.ha.noInterfaceFor', { address: a.advertiseAddress }),
        text('preflight.fix.haInterfaceFor'),
      );
    }
    return pass('preflight.ha.interface', { iface });
  });
}

function vipCheck(a: Answers): Check {
  return hostCheck('HA-vip', 'error', async (ctx) => {
    if (!interfaceName(a, ctx)) return skip('preflight.skip.needs', { check: 'HA-interface' });
    const bad = haMisfits(a, ctx.host.addresses()).find((p) => p.field === 'ha.vip');
    if (bad) {
      const { iface, cidr } = bad.accepted.params as { iface: string; cidr: string };
      return fail(
        text('preflight.ha.vipOutside', { vip: a.ha!.vip, iface, cidr }),
        text('preflight.fix.haVip', { cidr }),
      );
    }
    return pass('preflight.ha.vip', { vip: a.ha!.vip, iface: interfaceName(a, ctx)! });
  });
}

/** What would be written for the program, as the program itself judges it. */
function configCheck(a: Answers, minor: number, program: ConfigProgram): Check {
  const name = program === 'haproxy' ? 'HAProxyConfig' : 'KeepalivedConfig';
  const path = program === 'haproxy' ? HAPROXY_CFG : KEEPALIVED_CONF;
  return hostCheck(name, 'error', async (ctx) => {
    const f = await ctx.host.fileFacts(PROGRAM_PATHS.find((p) => p.name === program)!.path);
    if (!f.exists) return skip('preflight.skip.needs', { check: `FileExisting-${program}` });
    const iface = interfaceName(a, ctx);
    if (!iface) return skip('preflight.skip.needs', { check: 'HA-interface' });
    const file = renderFiles(a, minor, { haInterface: iface }).files.find((x) => x.path === path)!;
    const verdict = await ctx.host.checkConfig(program, file.content);
    if (verdict.ok) return pass('preflight.ha.configOk', { path, program });
    const said = verdict.output.split('\n').filter(Boolean).slice(-3).join(' / ').slice(0, 400);
    return fail(
      text('preflight.ha.configBad', { path, program, said }),
      text('preflight.fix.haConfig', { path }),
    );
  });
}

export function haChecks(a: Answers, minor: number): Check[] {
  if (!a.ha) return [];
  return [
    ...PROGRAM_PATHS.map(programCheck),
    interfaceCheck(a),
    vipCheck(a),
    configCheck(a, minor, 'haproxy'),
    configCheck(a, minor, 'keepalived'),
  ];
}
