import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../src/model/components.js';
import { isAccepted, requiredFlags } from '../../src/model/flag-table.js';
import { argvOf, KUBECONFIG_LAYOUT_FROM } from '../../src/model/layout.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { MIN_MINOR, NEWEST_MINOR } from '../../src/model/version.js';
import { renderFiles } from '../../src/render/files.js';

const parsed = parseAnswers({
  advertiseAddress: SEED.advertiseAddress,
  bindAddress: SEED.bindAddress,
  securePort: SEED.securePort,
  etcdServers: [...SEED.etcdServers],
});
if (!parsed.ok) throw new Error('seed answers must be valid');
const answers = parsed.answers;

const minors = Array.from({ length: NEWEST_MINOR - MIN_MINOR + 1 }, (_, i) => MIN_MINOR + i);
const names = (argv: string[]) => argv.map((a) => a.split('=')[0]!);

describe.each(minors)('Kubernetes 1.%i', (minor) => {
  const { layout, files } = renderFiles(answers, minor);

  it.each(COMPONENTS)('%s gets only flags that version accepts, and every required one', (component) => {
    const argv = argvOf(layout.components.find((c) => c.component === component)!);
    for (const flag of names(argv))
      expect(isAccepted(component, flag, minor), `${flag} in 1.${minor}`).toBe(true);
    for (const flag of requiredFlags(component, minor)) expect(names(argv)).toContain(flag);
  });

  it('reports every seed flag it leaves out, and leaves out what it reports', () => {
    for (const d of layout.dropped) {
      const argv = argvOf(layout.components.find((c) => c.component === d.component)!);
      expect(names(argv)).not.toContain(d.flag);
    }
  });

  it('uses kubeconfigs for its own apiserver exactly when the insecure port is gone', () => {
    const kubeconfigs = files.filter((f) => f.kind === 'kubeconfig');
    const scheduler = argvOf(layout.components.find((c) => c.component === 'kube-scheduler')!);
    if (minor >= KUBECONFIG_LAYOUT_FROM) {
      expect(kubeconfigs.map((f) => f.path)).toEqual([
        '/etc/kubernetes/controller-manager.kubeconfig',
        '/etc/kubernetes/scheduler.kubeconfig',
      ]);
      expect(kubeconfigs.every((f) => f.content.includes('server: https://192.168.50.101:6443'))).toBe(true);
      expect(scheduler).not.toContain('--master=http://127.0.0.1:8080');
      expect(scheduler).toContain('--kubeconfig=/etc/kubernetes/scheduler.kubeconfig');
    } else {
      expect(kubeconfigs).toEqual([]);
      expect(scheduler).toContain('--master=http://127.0.0.1:8080');
    }
  });
});

describe('the local apiserver URL', () => {
  it('is 127.0.0.1 when the apiserver listens on every address, else its bind address', () => {
    const all = parseAnswers({ ...answers, kubernetesVersion: '1.24', bindAddress: '0.0.0.0' });
    if (!all.ok) throw new Error('invalid');
    const kc = renderFiles(all.answers, 24).files.find((f) => f.kind === 'kubeconfig')!;
    expect(kc.content).toContain('server: https://127.0.0.1:6443');
    const v6 = parseAnswers({
      ...answers,
      advertiseAddress: 'fd00::101',
      bindAddress: 'fd00::101',
      serviceClusterIpRange: 'fd00:1::/112',
    });
    if (!v6.ok) throw new Error(JSON.stringify(v6.problems));
    const kc6 = renderFiles(v6.answers, 30).files.find((f) => f.kind === 'kubeconfig')!;
    expect(kc6.content).toContain('server: https://[fd00::101]:6443');
  });
});
