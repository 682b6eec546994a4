// kube-controller-manager and kube-scheduler stand-ins: health endpoints on the ports of
// their release, a connection to the apiserver through --master or --kubeconfig, and the
// leader lease (--leader-elect, default true).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { hostname } from 'node:os';
import { ConfigProblem, loadClientConfig, makeKubeClient } from './kube-client.mjs';
import { runLeaderElection } from './leader-election.mjs';
import { hostPort, listenOrDie } from './listen.mjs';
import { selfSignedCert } from './self-signed.mjs';
import { forbiddenPath, sendJson, sendText } from './status.mjs';
import { FileProblem, loadKeyPair } from './tls-files.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const SPEC = {
  'kube-controller-manager': {
    insecurePort: 10252,
    insecureUntil: 21, // 10252 serves up to 1.21
    securePort: 10257,
    secureFrom: 12,
    main: 'controllermanager.go',
  },
  'kube-scheduler': {
    insecurePort: 10251,
    insecureUntil: 22, // 10251 serves up to 1.22
    securePort: 10259,
    secureFrom: 13,
    main: 'server.go',
  },
};

const CONTROLLERS = [
  'serviceaccount',
  'namespace',
  'deployment',
  'replicaset',
  'garbagecollector',
  'csrsigning',
];

export async function runControlLoopComponent({ component, version, minor, flags, log }) {
  const spec = SPEC[component];
  const isKcm = component === 'kube-controller-manager';

  const insecureServes = minor <= spec.insecureUntil;
  const insecurePort = insecureServes ? flags.int('--port', spec.insecurePort) : 0;
  if (!insecureServes && flags.has('--port') && flags.int('--port') !== 0) {
    process.stderr.write(`Error: [invalid port value ${flags.int('--port')}: only zero is allowed]\n`);
    process.exit(1);
  }
  const insecureAddress = flags.str('--address', '0.0.0.0');
  const securePort = flags.int('--secure-port', minor >= spec.secureFrom ? spec.securePort : 0);
  const secureAddress = flags.str('--bind-address', '0.0.0.0');

  // the apiserver connection is configured before anything serves
  const master = flags.str('--master');
  const kubeconfig = flags.str('--kubeconfig');
  let client;
  try {
    if (!master && !kubeconfig) {
      log.warning(
        'client_config.go:552',
        'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.',
      );
      throw new ConfigProblem(
        'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined',
      );
    }
    client = makeKubeClient(loadClientConfig({ master, kubeconfig }), minor);
  } catch (e) {
    if (!(e instanceof ConfigProblem)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }

  // with an authentication kubeconfig (1.20+ layout) the real components read the
  // request-header CA from the apiserver before serving, and exit when they cannot (the lines
  // of the real 1.36/1.37 binaries)
  if (flags.has('--authentication-kubeconfig')) {
    const what = 'unable to load configmap based request-header-client-ca-file';
    const r = await client
      .call('GET', '/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication')
      .catch((e) => ({ status: 0, error: e.message }));
    if (r.status === 0) log.failed('run.go:72', `${what}: ${r.error}`);
    if (r.status === 401) log.failed('run.go:72', `${what}: Unauthorized`);
    if (r.status === 403) {
      const user = r.json?.message ? /User "([^"]+)"/.exec(r.json.message)?.[1] : null;
      log.failed(
        'run.go:72',
        `${what}: configmaps "extension-apiserver-authentication" is forbidden: User "${user ?? 'system:anonymous'}" cannot get resource "configmaps" in API group "" in the namespace "kube-system"`,
      );
    }
  }

  // serving
  const healthHandler = (secure) => (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path === '/healthz' || (minor >= 21 && (path === '/livez' || path === '/readyz')))
      return sendText(res, 200, 'ok');
    if (secure) return sendJson(res, 403, forbiddenPath('system:anonymous', req.method ?? 'GET', path));
    return sendText(res, 404, '404 page not found\n');
  };
  if (securePort !== 0) {
    let pair;
    if (flags.has('--tls-cert-file')) {
      try {
        pair = loadKeyPair(flags.str('--tls-cert-file'), flags.str('--tls-private-key-file'));
      } catch (e) {
        if (!(e instanceof FileProblem)) throw e;
        process.stderr.write(`unable to load server certificate: ${e.message}\n`);
        process.exit(1);
      }
    } else {
      pair = selfSignedCert(['localhost', '127.0.0.1']);
      log.info('serving.go:319', 'Generated self-signed cert in-memory');
    }
    log.warning(
      'authentication.go:387',
      "No authentication-kubeconfig provided in order to lookup client-ca-file in configmap/extension-apiserver-authentication in kube-system, so client certificate authentication won't work.",
    );
    log.warning(
      'authorization.go:177',
      "No authorization-kubeconfig provided, so SubjectAccessReview of authorization tokens won't work.",
    );
    log.info(`${spec.main}:151`, `Version: v${version}`);
    const server = https.createServer({ cert: pair.cert, key: pair.key }, healthHandler(true));
    await listenOrDie(server, secureAddress, securePort, log, 'serving.go:149');
    log.info('secure_serving.go:116', `Serving securely on ${hostPort(secureAddress, securePort)}`);
  } else {
    log.info(`${spec.main}:151`, `Version: v${version}`);
  }
  if (insecurePort !== 0) {
    const server = http.createServer(healthHandler(false));
    await listenOrDie(server, insecureAddress, insecurePort, log, 'serving.go:149');
    const shown = insecureAddress === '0.0.0.0' ? '[::]' : insecureAddress;
    log.info(
      'deprecated_insecure_serving.go:51',
      `Serving insecurely on ${hostPort(shown.replace(/^\[|\]$/g, ''), insecurePort)}`,
    );
  }

  const startWork = async () => {
    if (!isKcm) return;
    for (const c of CONTROLLERS) {
      log.info(`${spec.main}:497`, `Started "${c}"`);
      await sleep(20);
    }
  };

  if (flags.bool('--leader-elect', true)) {
    const lock = flags.str('--leader-elect-resource-lock') || undefined;
    await runLeaderElection({
      client,
      log,
      minor,
      name: component,
      identity: `${hostname()}_${randomUUID()}`,
      lock,
      leaseDurationMs: flags.durationMs('--leader-elect-lease-duration', 15_000),
      renewDeadlineMs: flags.durationMs('--leader-elect-renew-deadline', 10_000),
      retryPeriodMs: flags.durationMs('--leader-elect-retry-period', 2_000),
      lostWhere: isKcm ? 'controllermanager.go:259' : 'server.go:261',
      onStartedLeading: () => void startWork(),
    });
    return;
  }

  // without leader election the controller-manager waits for a healthy apiserver first
  if (isKcm) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = await client.call('GET', '/healthz').catch(() => null);
      if (r?.status === 200) break;
      if (Date.now() > deadline) {
        log.fatal(
          `${spec.main}:216`,
          'error building controller context: failed to wait for apiserver being healthy: timed out waiting for the condition',
        );
      }
      await sleep(1000);
    }
  }
  await startWork();
  setInterval(() => {}, 1 << 30);
}
