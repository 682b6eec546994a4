import type { Answers } from '../model/answers.js';
import { COMPONENTS } from '../model/components.js';
import { addressList, holds, suggestedAddress } from '../model/host-fit.js';
import { isUnspecified } from '../model/values.js';
import { isNewerThanKnown, knownMinor, minorString, NEWEST_MINOR, parseMinor } from '../model/version.js';
import {
  type Check,
  type CheckContext,
  fail,
  type Outcome,
  pass,
  type Severity,
  skip,
  text,
} from './types.js';

/**
 * Checks of this machine (skipped under --root): root, systemd, the kube binaries and their
 * version, the addresses, swap and IP forwarding. Ports, etcd and the clock have their own
 * modules.
 */

/** A check of the machine itself: skipped under --root. */
/**
 * The check waits on another process or machine: started before the checks that only read
 * local files (types.ts, Check.early).
 */
export function startEarly(check: Check): Check {
  return { ...check, early: true };
}

export function hostCheck(
  name: string,
  severity: Severity,
  run: (ctx: CheckContext) => Promise<Outcome>,
): Check {
  return {
    name,
    severity,
    run: (ctx) =>
      ctx.hostChecks ? run(ctx) : Promise.resolve(skip('preflight.skip.root', { root: ctx.root })),
  };
}

const privileged = hostCheck('IsPrivilegedUser', 'error', async (ctx) =>
  ctx.host.isRoot()
    ? pass('preflight.root.ok')
    : fail(text('preflight.root.not'), text('preflight.fix.root')),
);

const systemd = hostCheck('Systemd', 'error', async (ctx) => {
  const s = await ctx.host.systemd();
  // "running" says it all; another state that still works (degraded, starting …) is named
  const ok =
    s.state === 'running'
      ? pass('preflight.systemd.ok')
      : pass('preflight.systemd.okState', { state: s.state });
  return s.ok
    ? ok
    : fail(text('preflight.systemd.not', { state: s.state || '-' }), text('preflight.fix.systemd'));
});

function binaryCheck(a: Answers, minor: number, component: string): Check {
  return hostCheck(`FileExisting-${component}`, 'error', async (ctx) => {
    const path = `${a.paths.binDir}/${component}`;
    const f = await ctx.host.fileFacts(path);
    if (!f.exists || !f.isFile) {
      return fail(
        text(f.exists ? 'preflight.binary.notFile' : 'preflight.binary.missing', { path }),
        text('preflight.fix.binaryMissing', { dir: a.paths.binDir, version: minorString(minor) }),
      );
    }
    if (!f.executable) {
      return fail(
        text('preflight.binary.notExecutable', { path, mode: `0${(f.mode & 0o777).toString(8)}` }),
        text('preflight.fix.chmodX', { path }),
      );
    }
    return pass('preflight.binary.ok', { path });
  });
}

/** `BINARY --version` of each kube binary that exists and is executable (memoised per run). */
function binaryVersions(ctx: CheckContext, a: Answers) {
  return ctx.memo('binary-versions', () =>
    Promise.all(
      COMPONENTS.map(async (component) => {
        const path = `${a.paths.binDir}/${component}`;
        const f = await ctx.host.fileFacts(path);
        if (!f.exists || !f.executable) return null;
        return { component, path, probe: await ctx.host.binaryVersion(path) };
      }),
    ).then((found) => found.filter((x) => x !== null)),
  );
}

/**
 * The binaries are of the version the answers name; without one in the answers, of the
 * version rendered for (a binary newer than the newest known minor renders as that minor).
 */
function versionCheck(a: Answers, minor: number): Check {
  return hostCheck('KubernetesVersion', 'error', async (ctx) => {
    const asked = a.kubernetesVersion ? parseMinor(a.kubernetesVersion) : null;
    const want = minorString(asked ?? minor);
    const found = await binaryVersions(ctx, a);
    if (found.length === 0) return skip('preflight.skip.noBinaries', { dir: a.paths.binDir });
    const unknown = found.find((x) => !x.probe.ok);
    if (unknown && !unknown.probe.ok) {
      return fail(
        text('preflight.version.unknown', { path: unknown.path, error: unknown.probe.error.slice(0, 200) }),
        text('preflight.fix.versionUnknown', { path: unknown.path }),
      );
    }
    const versions = found.map((x) => ({ ...x, version: (x.probe as { version: string }).version }));
    const matches = (v: string) => {
      const m = parseMinor(v);
      return m !== null && (asked !== null ? m === asked : knownMinor(m) === minor);
    };
    const wrong = versions.filter((x) => !matches(x.version));
    if (wrong.length > 0) {
      return fail(
        text('preflight.version.mismatch', {
          found: wrong.map((x) => `${x.component} ${x.version}`).join(', '),
          want,
        }),
        text('preflight.fix.versionMismatch', { found: wrong[0]!.version, want, dir: a.paths.binDir }),
      );
    }
    return pass('preflight.version.ok', { version: versions[0]!.version, count: found.length });
  });
}

/**
 * A warning when the answers or the binaries are of a minor newer than the newest the flag
 * table knows: the files are rendered as for that one, and Flags-* compares each flag with
 * the binaries' own --help.
 */
function newerVersionCheck(a: Answers): Check {
  return {
    name: 'KnownVersion',
    severity: 'warning',
    async run(ctx) {
      const newest = minorString(NEWEST_MINOR);
      const binaries = ctx.hostChecks ? await binaryVersions(ctx, a) : [];
      const seen = [
        ...(a.kubernetesVersion ? [a.kubernetesVersion] : []),
        ...binaries.flatMap((x) => (x.probe.ok ? [x.probe.version] : [])),
      ];
      const newer = seen.find((v) => isNewerThanKnown(parseMinor(v) ?? 0));
      if (newer === undefined) return pass('preflight.knownVersion.ok', { newest });
      return fail(
        text('preflight.knownVersion.newer', { version: minorString(parseMinor(newer)!), newest }),
        text('preflight.fix.knownVersion', { newest }),
      );
    },
  };
}

function addressCheck(name: string, field: string, address: string, masters: readonly string[]): Check {
  return hostCheck(name, 'error', async (ctx) => {
    if (isUnspecified(address)) return pass('preflight.address.all', { address });
    const mine = ctx.host.addresses();
    if (holds(mine, address)) return pass('preflight.address.ok', { address });
    const list = addressList(mine);
    const suggestion = suggestedAddress(mine, address, masters);
    return fail(
      text('preflight.address.missing', { address, field }),
      suggestion
        ? text('preflight.fix.addressSet', { field, suggestion, list, address, check: name })
        : text('preflight.fix.address', { field, list }),
    );
  });
}

const swap = hostCheck('Swap', 'warning', async (ctx) => {
  const areas = await ctx.host.swaps();
  if (areas === null) return skip('preflight.skip.unreadable', { file: '/proc/swaps' });
  if (areas.length > 0)
    return fail(text('preflight.swap.on', { areas: areas.join(', ') }), text('preflight.fix.swap'));
  return pass('preflight.swap.off');
});

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';

const ipForward = hostCheck('IPForward', 'warning', async (ctx) => {
  const value = await ctx.host.sysctl(IP_FORWARD);
  if (value === null) return skip('preflight.skip.unreadable', { file: IP_FORWARD });
  if (value !== '1') return fail(text('preflight.forward.off', { value }), text('preflight.fix.forward'));
  return pass('preflight.forward.on');
});

export function systemChecks(a: Answers, minor: number): Check[] {
  return [
    privileged,
    startEarly(systemd),
    ...COMPONENTS.map((c) => binaryCheck(a, minor, c)),
    startEarly(versionCheck(a, minor)),
    newerVersionCheck(a),
    addressCheck('HostAddress-advertise', 'advertiseAddress', a.advertiseAddress, a.ha?.masters ?? []),
    addressCheck('HostAddress-bind', 'bindAddress', a.bindAddress, a.ha?.masters ?? []),
  ];
}

export function kernelChecks(): Check[] {
  return [swap, ipForward];
}
