import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { describeProblem } from '../../src/model/issues.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { minorString, NEWEST_MINOR } from '../../src/model/version.js';

const NEWEST = minorString(NEWEST_MINOR);

const base = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

function messages(input: unknown, lang: 'en' | 'zh' = 'en'): string[] {
  const r = parseAnswers(input);
  if (r.ok) return [];
  return r.problems.map((p) => describeProblem(p, translator(lang)));
}

describe('answers', () => {
  it('fills everything else with the seed values', () => {
    const r = parseAnswers(base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers.serviceClusterIpRange).toBe('10.254.0.0/16');
    expect(r.answers.serviceNodePortRange).toBe('30000-50000');
    expect(r.answers.apiserver.admissionPlugins).toEqual(SEED.apiserver.admissionPlugins);
    expect(r.answers.certs.etcdCertFile).toBe('/etc/kubernetes/ssl/etcd.pem');
    expect(r.answers.controllerManager.bindAddress).toBe('127.0.0.1');
    expect(r.answers.logging.verbosity).toBe(2);
  });

  it('requires the seed’s must-change fields', () => {
    const msgs = messages({ kubernetesVersion: '1.13' });
    for (const field of ['advertiseAddress', 'bindAddress', 'securePort', 'etcdServers']) {
      expect(msgs).toContain(
        `${field}: (missing) is not accepted; expected a value: this field is required.`,
      );
    }
  });

  // The catalogue of bad inputs: each names the field, the value and what is accepted.
  const catalogue: Array<[string, Record<string, unknown>, string]> = [
    [
      'unspecified advertise address',
      { advertiseAddress: '0.0.0.0' },
      'advertiseAddress: "0.0.0.0" is not accepted; expected an address of this host that the other members can reach (not 0.0.0.0 or ::).',
    ],
    [
      'a typo in an address',
      { bindAddress: '192.168.50.1O1' },
      'bindAddress: "192.168.50.1O1" is not accepted; expected an IPv4 address like 192.168.50.101 or an IPv6 address like fd00::1.',
    ],
    ['port 0', { securePort: 0 }, 'securePort: 0 is not accepted; expected a whole number from 1 to 65535.'],
    ['port as text', { securePort: '6443' }, 'securePort: "6443" is not accepted; expected a number.'],
    [
      'etcd over http',
      { etcdServers: ['http://192.168.50.101:2379'] },
      'etcdServers.0: "http://192.168.50.101:2379" is not accepted; expected an https URL with a host and a port and nothing after it, like https://192.168.50.101:2379.',
    ],
    [
      'etcd with a path',
      { etcdServers: ['https://192.168.50.101:2379/v3'] },
      'etcdServers.0: "https://192.168.50.101:2379/v3" is not accepted; expected an https URL with a host and a port and nothing after it, like https://192.168.50.101:2379.',
    ],
    [
      'etcd member twice',
      { etcdServers: ['https://192.168.50.101:2379', 'https://192.168.50.101:2379/'] },
      'etcdServers.1: "https://192.168.50.101:2379/" is not accepted; expected each entry once (https://192.168.50.101:2379 is listed twice).',
    ],
    [
      'no etcd member',
      { etcdServers: [] },
      'etcdServers: [] is not accepted; expected a list with at least one entry.',
    ],
    [
      'service range with host bits',
      { serviceClusterIpRange: '10.254.0.1/16' },
      'serviceClusterIpRange: "10.254.0.1/16" is not accepted; expected the network address of the range (10.254.0.0/16), not a host inside it.',
    ],
    [
      'node ports around the secure port',
      { securePort: 30443 },
      'securePort: 30443 is not accepted; expected a port outside the NodePort range 30000-50000 (the secure port 30443 is inside it).',
    ],
    [
      'advertise address inside the service range',
      { advertiseAddress: '10.254.0.10' },
      'advertiseAddress: "10.254.0.10" is not accepted; expected an address outside the service range 10.254.0.0/16.',
    ],
    [
      'a quote in a path',
      { certs: { caFile: '/etc/kubernetes/ssl/ca".pem' } },
      'certs.caFile: "/etc/kubernetes/ssl/ca\\".pem" is not accepted; expected letters, digits and . _ / : @ , = + % - [ ] only (no spaces, quotes, backslashes, $ or #).',
    ],
    [
      'a relative path',
      { certs: { caFile: 'ssl/ca.pem' } },
      'certs.caFile: "ssl/ca.pem" is not accepted; expected an absolute path starting with /.',
    ],
    [
      'a flag smuggled into a value',
      { apiserver: { eventTtl: '1h --anonymous-auth=true' } },
      'apiserver.eventTtl: "1h --anonymous-auth=true" is not accepted; expected a duration like 1h, 30m or 1h30m.',
    ],
    [
      'an extra flag the wizard manages',
      { apiserver: { extraArgs: ['--secure-port=1'] } },
      'apiserver.extraArgs.0: "--secure-port=1" is not accepted; expected a flag the wizard does not set itself (--secure-port has its own field).',
    ],
    [
      'an extra flag the wizard sets on another version only',
      { kubernetesVersion: '1.24', apiserver: { extraArgs: ['--enable-swagger-ui=true'] } },
      'apiserver.extraArgs.0: "--enable-swagger-ui=true" is not accepted; expected a flag the wizard does not set itself (--enable-swagger-ui has its own field).',
    ],
    [
      'an extra flag the controller-manager gets from the wizard',
      { controllerManager: { extraArgs: ['--profiling=false', '--leader-elect=false'] } },
      'controllerManager.extraArgs.1: "--leader-elect=false" is not accepted; expected a flag the wizard does not set itself (--leader-elect has its own field).',
    ],
    [
      'a misspelt key',
      { advertiseAdress: '192.168.50.101' },
      'advertiseAdress: "192.168.50.101" is not accepted; expected one of the known keys (see `kmaster-wizard profiles export` for the full shape).',
    ],
    [
      'an unsupported version',
      { kubernetesVersion: '1.9' },
      `kubernetesVersion: "1.9" is not accepted; expected a Kubernetes minor version like 1.13, from 1.10 on (the newest known is ${NEWEST}; a newer one is written as ${NEWEST}).`,
    ],
    [
      'a newline in an admission plugin',
      { apiserver: { admissionPlugins: ['NamespaceLifecycle\nKUBE_API_ARGS=x'] } },
      'apiserver.admissionPlugins.0: "NamespaceLifecycle\\nKUBE_API_ARGS=x" is not accepted; expected names of admission plugins like NamespaceLifecycle, separated by commas.',
    ],
    [
      'a loopback advertise address',
      { advertiseAddress: '127.0.0.1' },
      'advertiseAddress: "127.0.0.1" is not accepted; expected an address the other members can reach: not a loopback address like 127.0.0.1 or ::1.',
    ],
    [
      'a loopback advertise address in the 127.0.0.0/8 range',
      { advertiseAddress: '127.1.2.3' },
      'advertiseAddress: "127.1.2.3" is not accepted; expected an address the other members can reach: not a loopback address like 127.0.0.1 or ::1.',
    ],
    [
      'an IPv4-mapped loopback advertise address',
      { advertiseAddress: '::ffff:127.0.0.1', serviceClusterIpRange: 'fd00::/108' },
      'advertiseAddress: "::ffff:127.0.0.1" is not accepted; expected an address the other members can reach: not a loopback address like 127.0.0.1 or ::1.',
    ],
    [
      'a link-local advertise address',
      { advertiseAddress: '169.254.10.1' },
      'advertiseAddress: "169.254.10.1" is not accepted; expected an address the other members can reach: not a link-local address (169.254.0.0/16, fe80::/10).',
    ],
    [
      'an IPv6 link-local advertise address',
      { advertiseAddress: 'fe80::1', serviceClusterIpRange: 'fd00::/108' },
      'advertiseAddress: "fe80::1" is not accepted; expected an address the other members can reach: not a link-local address (169.254.0.0/16, fe80::/10).',
    ],
    [
      'an authorization mode twice',
      { apiserver: { authorizationMode: ['RBAC', 'RBAC'] } },
      'apiserver.authorizationMode.1: "RBAC" is not accepted; expected each entry once (RBAC is listed twice).',
    ],
    [
      'an admission plugin twice',
      { apiserver: { admissionPlugins: ['NamespaceLifecycle', 'NamespaceLifecycle'] } },
      'apiserver.admissionPlugins.1: "NamespaceLifecycle" is not accepted; expected each entry once (NamespaceLifecycle is listed twice).',
    ],
    [
      'a load-balancer address twice, written two ways',
      { loadBalancer: { addresses: ['fd00::10', 'FD00::0010'] } },
      'loadBalancer.addresses.1: "FD00::0010" is not accepted; expected each entry once (fd00::10 is listed twice).',
    ],
    [
      'a load-balancer name twice, in other case',
      { loadBalancer: { names: ['lb.example.com', 'LB.example.com'] } },
      'loadBalancer.names.1: "LB.example.com" is not accepted; expected each entry once (LB.example.com is listed twice).',
    ],
    [
      'a load-balancer name with an empty label',
      { loadBalancer: { names: ['lb..com'] } },
      'loadBalancer.names.0: "lb..com" is not accepted; expected a DNS name like lb.example.com.',
    ],
    [
      'a unit directory that is the apiserver EnvironmentFile',
      { paths: { unitDir: '/etc/kubernetes/apiserver' } },
      'paths.unitDir: "/etc/kubernetes/apiserver" is not accepted; expected a directory of its own: this path is the kube-apiserver EnvironmentFile the wizard writes (paths.configDir).',
    ],
    [
      'a config directory that is a unit file',
      { paths: { configDir: '/etc/systemd/system/kube-apiserver.service' } },
      'paths.configDir: "/etc/systemd/system/kube-apiserver.service" is not accepted; expected a directory of its own: this path is the kube-apiserver unit the wizard writes (paths.unitDir).',
    ],
    [
      'a unit directory inside an EnvironmentFile',
      { paths: { unitDir: '/etc/kubernetes/scheduler/units/' } },
      'paths.unitDir: "/etc/kubernetes/scheduler/units/" is not accepted; expected a path that is not inside a file: /etc/kubernetes/scheduler is the kube-scheduler EnvironmentFile the wizard writes (paths.configDir).',
    ],
    [
      'a certificate the wizard would write over',
      { certs: { caFile: '/etc/kubernetes/controller-manager' } },
      'certs.caFile: "/etc/kubernetes/controller-manager" is not accepted; expected a file of its own: this path is also the kube-controller-manager EnvironmentFile the wizard writes (paths.configDir).',
    ],
    [
      'a certificate that is a kubeconfig the wizard writes from 1.20',
      { certs: { schedulerCertFile: '/etc/kubernetes//scheduler.kubeconfig' } },
      'certs.schedulerCertFile: "/etc/kubernetes//scheduler.kubeconfig" is not accepted; expected a file of its own: this path is also the kube-scheduler kubeconfig the wizard writes from 1.20 (paths.configDir).',
    ],
    [
      'the audit log on the CA',
      { apiserver: { auditLogPath: '/etc/kubernetes/ssl/ca.pem' } },
      'apiserver.auditLogPath: "/etc/kubernetes/ssl/ca.pem" is not accepted; expected a file of its own: this path is also the file certs.caFile names.',
    ],
    [
      'a certificate that is a directory',
      { certs: { caFile: '/etc/kubernetes' } },
      'certs.caFile: "/etc/kubernetes" is not accepted; expected a file, not a directory: this path is the directory paths.configDir.',
    ],
    [
      'a certificate on the haproxy configuration, with ha:',
      {
        ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100' },
        certs: { apiserverKeyFile: '/etc/haproxy/haproxy.cfg' },
      },
      'certs.apiserverKeyFile: "/etc/haproxy/haproxy.cfg" is not accepted; expected a file of its own: this path is also the haproxy configuration the wizard writes for ha:.',
    ],
    [
      'a CA on the admin kubeconfig, with ha:',
      {
        ha: { masters: ['192.168.50.101', '192.168.50.102'], vip: '192.168.50.100' },
        certs: { caFile: '/etc/kubernetes/admin.kubeconfig' },
      },
      'certs.caFile: "/etc/kubernetes/admin.kubeconfig" is not accepted; expected a file of its own: this path is also the admin kubeconfig the wizard writes for ha: (paths.configDir).',
    ],
    [
      'a loopback VIP and a master twice, with ha:',
      { ha: { masters: ['192.168.50.101', '192.168.50.101'], vip: '127.0.0.2' } },
      'ha.masters.1: "192.168.50.101" is not accepted; expected each entry once (192.168.50.101 is listed twice).',
    ],
    [
      'a token file that holds the binaries',
      { apiserver: { tokenAuthFile: '/usr/local' } },
      'apiserver.tokenAuthFile: "/usr/local" is not accepted; expected a file, not a directory: /usr/local/bin, the directory paths.binDir, lies inside it.',
    ],
  ];

  it.each(catalogue)('refuses %s with a message naming the field', (_name, patch, expected) => {
    expect(messages({ ...base, ...patch })).toContain(expected);
  });

  it('cuts a long value listed twice as any value is cut', () => {
    const long = 'k'.repeat(5000);
    for (const lang of ['en', 'zh'] as const) {
      const lines = messages({ ...base, apiserver: { admissionPlugins: [long, long] } }, lang);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.length).toBeLessThan(300);
      expect(lines[0]!.match(/k{20,}\.\.\./g)).toHaveLength(2); // the value cut, where it is named and where it is listed twice
    }
  });

  it('reports one problem for one bad field', () => {
    expect(messages({ ...base, advertiseAddress: 'not-an-ip' })).toEqual([
      'advertiseAddress: "not-an-ip" is not accepted; expected an IPv4 address like 192.168.50.101 or an IPv6 address like fd00::1.',
    ]);
  });

  it('says the same in Chinese', () => {
    expect(messages({ ...base, advertiseAddress: '0.0.0.0' }, 'zh')).toContain(
      'advertiseAddress:不接受 "0.0.0.0";应为其他成员能访问到的本机地址(不能是 0.0.0.0 或 ::)。',
    );
    expect(messages({ ...base, advertiseAddress: '127.0.0.1' }, 'zh')).toContain(
      'advertiseAddress:不接受 "127.0.0.1";应为其他成员能访问到的地址:不能是 127.0.0.1 或 ::1 这样的回环地址。',
    );
    expect(messages({ ...base, paths: { unitDir: '/etc/kubernetes/apiserver' } }, 'zh')).toContain(
      'paths.unitDir:不接受 "/etc/kubernetes/apiserver";应为单独的目录:此路径已是向导写入的 kube-apiserver EnvironmentFile(paths.configDir)。',
    );
    expect(messages({ ...base, apiserver: { authorizationMode: ['RBAC', 'RBAC'] } }, 'zh')).toContain(
      'apiserver.authorizationMode.1:不接受 "RBAC";应为每项只出现一次(RBAC 出现了两次)。',
    );
  });

  it('keeps loopback for what only this host uses: the bind addresses and the etcd members', () => {
    const r = parseAnswers({
      ...base,
      bindAddress: '127.0.0.1',
      etcdServers: ['https://127.0.0.1:2379'],
      controllerManager: { bindAddress: '127.0.0.1' },
    });
    expect(r.ok).toBe(true);
  });

  it('normalises versions and paths however they are written', () => {
    const r = parseAnswers({
      ...base,
      kubernetesVersion: ' v1.13.4 ',
      paths: { configDir: '/etc//kubernetes/./', unitDir: '/etc/systemd/system/' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers.kubernetesVersion).toBe('1.13');
    expect(r.answers.paths.configDir).toBe('/etc/kubernetes');
    expect(r.answers.paths.unitDir).toBe('/etc/systemd/system');
  });

  it('lets a certificate lie where the HA front writes only when there is one', () => {
    expect(parseAnswers({ ...base, certs: { apiserverKeyFile: '/etc/haproxy/haproxy.cfg' } }).ok).toBe(true);
  });

  it('lets read-only files share a path, as the seed shares its CA key', () => {
    expect(parseAnswers({ ...base, certs: { etcdCaFile: SEED.certs.caFile } }).ok).toBe(true);
    expect(parseAnswers({ ...base, paths: { configDir: '/etc/k8s', unitDir: '/etc/k8s' } }).ok).toBe(true);
  });

  it('normalises addresses and etcd URLs', () => {
    const r = parseAnswers({
      ...base,
      etcdServers: ['https://192.168.50.101:2379/'],
      advertiseAddress: 'FD00::01',
    });
    expect(r.ok).toBe(false);
    const r2 = parseAnswers({ ...base, etcdServers: ['https://192.168.50.101:2379/'] });
    expect(r2.ok && r2.answers.etcdServers).toEqual(['https://192.168.50.101:2379']);
  });
});
