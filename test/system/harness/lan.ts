/**
 * A network between sandboxes, all of it inside namespaces the test made: a bridge `br0` in
 * the hub sandbox's network namespace (with the hub's own address on it), and for each
 * sandbox attached a veth pair — one end a port of the bridge, the other the sandbox's `eth0`
 * with its address. ARP, unicast and multicast (VRRP) cross it as on a switch; nothing on it
 * reaches the host's network or any other.
 */
import type { ExecResult, Sandbox } from './sandbox.js';

export interface Lan {
  /** the sandbox holding the bridge */
  readonly hub: Sandbox;
  /** gives `sandbox` an interface `iface` with `cidr` (192.168.50.101/24) on the bridge */
  attach(sandbox: Sandbox, cidr: string, iface?: string): Promise<void>;
  /** takes the sandbox's port of the bridge down (its cable pulled) or up again */
  link(sandbox: Sandbox, up: boolean): Promise<void>;
}

function must(r: ExecResult, what: string): ExecResult {
  if (r.exitCode !== 0) throw new Error(`${what} exited ${r.exitCode}: ${r.stderr}${r.stdout}`);
  return r;
}

export async function makeLan(hub: Sandbox, hubCidr: string): Promise<Lan> {
  const ip = (box: Sandbox, ...args: string[]) => box.inNetns(['ip', ...args]);
  must(await ip(hub, 'link', 'add', 'br0', 'type', 'bridge'), 'ip link add br0');
  must(await ip(hub, 'addr', 'add', hubCidr, 'dev', 'br0'), `ip addr add ${hubCidr}`);
  must(await ip(hub, 'link', 'set', 'br0', 'up'), 'ip link set br0 up');
  const ports = new Map<Sandbox, string>();
  return {
    hub,
    async attach(sandbox, cidr, iface = 'eth0') {
      const port = `p${ports.size}-${sandbox.pid}`.slice(0, 15);
      // made in the hub, its peer moved at once into the sandbox (named by its host PID)
      must(
        await ip(
          hub,
          'link',
          'add',
          port,
          'type',
          'veth',
          'peer',
          'name',
          iface,
          'netns',
          String(sandbox.pid),
        ),
        `ip link add ${port}`,
      );
      must(await ip(hub, 'link', 'set', port, 'master', 'br0'), `ip link set ${port} master br0`);
      must(await ip(hub, 'link', 'set', port, 'up'), `ip link set ${port} up`);
      must(
        await ip(sandbox, 'addr', 'add', cidr, 'dev', iface),
        `ip addr add ${cidr} (in ${sandbox.hostname})`,
      );
      must(await ip(sandbox, 'link', 'set', iface, 'up'), `ip link set ${iface} up`);
      ports.set(sandbox, port);
    },
    async link(sandbox, up) {
      const port = ports.get(sandbox);
      if (!port) throw new Error(`${sandbox.hostname} is not attached`);
      must(await ip(hub, 'link', 'set', port, up ? 'up' : 'down'), `ip link set ${port}`);
    },
  };
}
