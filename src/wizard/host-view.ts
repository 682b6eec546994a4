import {
  binariesVersion,
  detectBinaries,
  existingFiles,
  failedKubeUnits,
  quickFacts,
} from '../host/detect.js';
import { SEED } from '../model/seed.js';
import { rootOf } from './state.js';
import type { HostView } from './types.js';
import { workMode } from './work-mode.js';

/**
 * The wizard's look at this host: the quick facts at once (who runs it, systemd, addresses, the
 * files a previous setup left), then the binaries' versions, which decide the work mode, and
 * what adopting the files under that root would read: the start screen offers to adopt only a
 * component's files (a lone token.csv is not a master) and counts exactly what adopting reads.
 */
export interface HostLook {
  /** what is known before the first frame */
  host: HostView;
  /**
   * the binaries, the work mode they decide, the version they report, the files under that
   * root, what adopting them would read, and on a master the kube units that failed
   */
  later: Promise<
    Pick<HostView, 'binaries' | 'mode' | 'detectedVersion' | 'files' | 'adoptFiles' | 'failedUnits'>
  >;
}

/**
 * `drawn` settles once the first frame is on the screen: the binaries are asked at once (on a
 * master they take longest), but reading the files to adopt (the YAML and answers modules with
 * them) and asking systemd for failed units wait for it, so they never hold up the first frame.
 */
export function lookAtHost(
  rootFlag: string | undefined,
  cwd: string,
  drawn: Promise<void> = Promise.resolve(),
  timeoutMs = 3000,
): HostLook {
  const { configDir, binDir } = SEED.paths;
  const quick = quickFacts({ root: '/', configDir });
  const filesUnder = (root: string) => (root === '/' ? quick.files : existingFiles(root, configDir));
  const mode = workMode(rootFlag, quick, null, cwd);
  const host: HostView = {
    isRoot: quick.isRoot,
    systemd: quick.systemd,
    addresses: quick.addresses.map((a) => ({
      address: a.address,
      iface: a.interface,
      internal: a.internal,
      cidr: a.cidr,
    })),
    files: filesUnder(rootOf(mode)),
    adoptFiles: null,
    binaries: null,
    profiles: null,
    profilesError: null,
    mode,
    detectedVersion: null,
  };
  const later = detectBinaries(binDir, timeoutMs).then(async (binaries) => {
    await drawn;
    const known = workMode(rootFlag, quick, binaries, cwd);
    const { adoptFromDisk } = await import('../adopt/index.js');
    const adopted = await adoptFromDisk(rootOf(known)).catch(() => null);
    return {
      binaries,
      mode: known,
      detectedVersion: binariesVersion(binaries),
      files: filesUnder(rootOf(known)),
      failedUnits: known?.kind === 'master' ? await failedKubeUnits() : [],
      adoptFiles: adopted?.files ?? [],
    };
  });
  return { host, later };
}
