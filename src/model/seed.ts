/**
 * The values of the seed guide (部署master节点): its three EnvironmentFiles and unit files.
 * Everything the answers do not set takes these values. The must-change fields
 * (advertise/bind address, secure port, etcd servers) have the seed's values here only as
 * the example shown to the user; an answers file must give them.
 */
export const SEED = {
  kubernetesVersion: '1.13',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: ['https://192.168.50.101:2379', 'https://192.168.50.102:2379', 'https://192.168.50.1:2379'],
  serviceClusterIpRange: '10.254.0.0/16',
  serviceNodePortRange: '30000-50000',
  apiserver: {
    admissionPlugins: [
      'NamespaceLifecycle',
      'LimitRanger',
      'ServiceAccount',
      'DefaultStorageClass',
      'DefaultTolerationSeconds',
      'MutatingAdmissionWebhook',
      'ValidatingAdmissionWebhook',
      'ResourceQuota',
    ],
    anonymousAuth: false,
    allowPrivileged: true,
    apiserverCount: 3,
    auditLogMaxAge: 30,
    auditLogMaxBackup: 3,
    auditLogMaxSize: 100,
    auditLogPath: '/var/lib/audit.log',
    authorizationMode: ['Node', 'RBAC'],
    enableBootstrapTokenAuth: true,
    eventTtl: '1h',
    enableSwaggerUi: true,
    kubeletHttps: true,
    tokenAuthFile: '/etc/kubernetes/token.csv',
    serviceAccountIssuer: 'https://kubernetes.default.svc',
  },
  controllerManager: {
    bindAddress: '127.0.0.1',
    clusterName: 'kubernetes',
    leaderElect: true,
  },
  scheduler: {
    bindAddress: '127.0.0.1',
    leaderElect: true,
  },
  certs: {
    caFile: '/etc/kubernetes/ssl/ca.pem',
    caKeyFile: '/etc/kubernetes/ssl/ca-key.pem',
    apiserverCertFile: '/etc/kubernetes/ssl/kubernetes.pem',
    apiserverKeyFile: '/etc/kubernetes/ssl/kubernetes-key.pem',
    etcdCaFile: '/etc/kubernetes/ssl/ca.pem',
    etcdCertFile: '/etc/kubernetes/ssl/etcd.pem',
    etcdKeyFile: '/etc/kubernetes/ssl/etcd-key.pem',
    serviceAccountKeyFile: '/etc/kubernetes/ssl/ca-key.pem',
    serviceAccountSigningKeyFile: '/etc/kubernetes/ssl/ca-key.pem',
    controllerManagerCertFile: '/etc/kubernetes/ssl/kube-controller-manager.pem',
    controllerManagerKeyFile: '/etc/kubernetes/ssl/kube-controller-manager-key.pem',
    schedulerCertFile: '/etc/kubernetes/ssl/kube-scheduler.pem',
    schedulerKeyFile: '/etc/kubernetes/ssl/kube-scheduler-key.pem',
    /** the admin client certificate of the guide's TLS chapter: the HA front's admin kubeconfig uses it */
    adminCertFile: '/etc/kubernetes/ssl/admin.pem',
    adminKeyFile: '/etc/kubernetes/ssl/admin-key.pem',
  },
  logging: {
    verbosity: 2,
    logToStderr: true,
  },
  paths: {
    binDir: '/usr/local/bin',
    configDir: '/etc/kubernetes',
    unitDir: '/etc/systemd/system',
  },
} as const;

/** The insecure address the seed's controller-manager and scheduler use (versions before 1.20). */
/** The seed's must-change values as answers: with every default, they are the seed's master. */
export function seedMustChangeAnswers() {
  return {
    advertiseAddress: SEED.advertiseAddress,
    bindAddress: SEED.bindAddress,
    securePort: SEED.securePort,
    etcdServers: [...SEED.etcdServers],
  };
}

export const SEED_INSECURE_MASTER = 'http://127.0.0.1:8080';
