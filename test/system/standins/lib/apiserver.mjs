// kube-apiserver stand-in: checks its files, really connects to etcd with mutual TLS, serves
// TLS on --bind-address:--secure-port (and the insecure 127.0.0.1:8080 before 1.20), then
// tells systemd it is ready.
import http from 'node:http';
import https from 'node:https';
import { networkInterfaces } from 'node:os';
import { isPublicPath, makeApiHandler } from './api-routes.mjs';
import { EtcdClient } from './etcd-client.mjs';
import { hostPort, listenOrDie } from './listen.mjs';
import { notifyReady } from './notify.mjs';
import { selfSignedCert } from './self-signed.mjs';
import { forbiddenPath, sendJson, unauthorized } from './status.mjs';
import {
  FileProblem,
  loadCaBundle,
  loadKeyPair,
  loadServiceAccountKeys,
  loadTokenFile,
  readFile,
} from './tls-files.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function firstAddress() {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

function grpcDialWarning(server, err) {
  const { host } = new URL(server);
  const desc = err.tls
    ? `transport: authentication handshake failed: ${err.go}`
    : `transport: Error while dialing ${err.go}`;
  return `grpc: addrConn.createTransport failed to connect to {${host} 0  <nil>}. Err :connection error: desc = "${desc}". Reconnecting...`;
}

export async function runApiserver({ version, minor, flags, log }) {
  const bind = flags.str('--bind-address', '0.0.0.0');
  const advertise = flags.str('--advertise-address', bind === '0.0.0.0' ? firstAddress() : bind);
  const securePort = flags.int('--secure-port', 6443);
  const insecurePort = flags.int('--insecure-port', minor < 20 ? 8080 : 0);
  const insecureBind = flags.str('--insecure-bind-address', '127.0.0.1');
  const etcdServers = flags.list('--etcd-servers');

  const invalid = [];
  if (etcdServers.length === 0) invalid.push('--etcd-servers must be specified');
  if (minor >= 20 && insecurePort !== 0)
    invalid.push(`invalid port value ${insecurePort}: only zero is allowed`);
  if (invalid.length) {
    process.stderr.write(`Error: [${invalid.join(', ')}]\n`);
    process.exit(1);
  }

  if (!flags.has('--advertise-address'))
    log.info('server.go:557', `external host was not specified, using ${advertise}`);
  log.info('server.go:146', `Version: v${version}`);

  const storageConfig = () =>
    `config (&{ /registry [${etcdServers.join(' ')}] ${flags.str('--etcd-keyfile')} ${flags.str('--etcd-certfile')} ${flags.str('--etcd-cafile')} true 0xc000a1e2d0 <nil> 5m0s 1m0s})`;
  const fileStep = (where, prefix, load) => {
    try {
      return load();
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      if (where.startsWith('storage')) log.fatal(where, `${prefix}${storageConfig()}, err (${e.message})`);
      log.failed(where, e.message, prefix);
    }
  };

  // serving certificate
  let serving;
  if (flags.has('--tls-cert-file') || flags.has('--tls-private-key-file')) {
    serving = fileStep('server.go:155', 'unable to load server certificate: ', () =>
      loadKeyPair(flags.str('--tls-cert-file'), flags.str('--tls-private-key-file')),
    );
  } else {
    serving = selfSignedCert([advertise, 'localhost', '127.0.0.1']);
    log.info(
      'serving.go:312',
      'Generated self-signed cert (/var/run/kubernetes/apiserver.crt, /var/run/kubernetes/apiserver.key)',
    );
  }

  // authentication
  const clientCa = flags.has('--client-ca-file')
    ? fileStep('server.go:155', 'unable to load client CA file: ', () =>
        loadCaBundle(flags.str('--client-ca-file')),
      )
    : null;
  const tokens = flags.has('--token-auth-file')
    ? fileStep('server.go:155', 'invalid authentication config: ', () =>
        loadTokenFile(flags.str('--token-auth-file')),
      )
    : null;
  for (const f of flags.list('--service-account-key-file')) {
    fileStep('server.go:155', 'invalid authentication config: ', () => loadServiceAccountKeys(f));
  }
  if (flags.has('--service-account-signing-key-file')) {
    fileStep('server.go:155', 'failed to parse service-account-signing-key-file: ', () =>
      readFile(flags.str('--service-account-signing-key-file')),
    );
  }

  const plugins = flags.list('--enable-admission-plugins');
  if (plugins.length) {
    log.info(
      'plugins.go:158',
      `Loaded ${plugins.length} mutating admission controller(s) successfully in the following order: ${plugins.join(',')}.`,
    );
  }

  // storage
  const etcdTls = fileStep('storage_decorator.go:57', 'Unable to create storage backend: ', () => ({
    ...(flags.has('--etcd-cafile') ? { ca: readFile(flags.str('--etcd-cafile')) } : {}),
    ...(flags.has('--etcd-certfile') ? { cert: readFile(flags.str('--etcd-certfile')) } : {}),
    ...(flags.has('--etcd-keyfile') ? { key: readFile(flags.str('--etcd-keyfile')) } : {}),
  }));
  const etcd = new EtcdClient(etcdServers, etcdTls);
  log.info('master.go:228', 'Using reconciler: lease');

  const memberState = new Map(etcdServers.map((s) => [s, { ok: false, lastWarning: 0 }]));
  const probeEtcd = async () => {
    await Promise.all(
      etcdServers.map(async (s) => {
        const state = memberState.get(s);
        try {
          state.ok = (await etcd.health(s)).ok;
        } catch (e) {
          const wasOk = state.ok;
          state.ok = false;
          if (wasOk || Date.now() - state.lastWarning > 15_000) {
            state.lastWarning = Date.now();
            log.warning('clientconn.go:1304', grpcDialWarning(s, e));
          }
        }
      }),
    );
    return [...memberState.values()].some((m) => m.ok);
  };

  const deadline = Date.now() + Number(process.env.KMW_STANDIN_ETCD_TIMEOUT_MS || 6000);
  let connected = await probeEtcd();
  while (!connected && Date.now() < deadline) {
    await sleep(500);
    connected = await probeEtcd();
  }
  if (!connected)
    log.fatal(
      'storage_decorator.go:57',
      `Unable to create storage backend: ${storageConfig()}, err (context deadline exceeded)`,
    );

  let etcdHealthy = true;
  const monitor = setInterval(
    async () => {
      etcdHealthy = await probeEtcd();
    },
    Number(process.env.KMW_STANDIN_ETCD_PROBE_MS || 2000),
  );
  monitor.unref?.();

  const handler = makeApiHandler({
    version,
    minor,
    etcd,
    etcdServers,
    etcdTls,
    etcdHealthy: () => etcdHealthy,
    advertise: `${advertise}:${securePort}`,
  });

  // authentication and authorization on the secure port
  const anonymous = flags.bool('--anonymous-auth', true);
  const authenticate = (req) => {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    if (bearer) return tokens?.get(bearer[1].trim()) ?? 'invalid';
    if (clientCa && req.socket.authorized) {
      const subject = req.socket.getPeerCertificate()?.subject ?? {};
      return { name: subject.CN, groups: [subject.O ?? []].flat() };
    }
    return null;
  };
  const secureHandler = (req, res) => {
    const user = authenticate(req);
    if (user === 'invalid' || (user === null && !anonymous)) return sendJson(res, 401, unauthorized());
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (user === null && !isPublicPath(path))
      return sendJson(res, 403, forbiddenPath('system:anonymous', req.method ?? 'GET', path));
    return handler(req, res);
  };

  if (securePort !== 0) {
    const server = https.createServer(
      {
        cert: serving.cert,
        key: serving.key,
        ...(clientCa ? { ca: clientCa, requestCert: true, rejectUnauthorized: false } : {}),
      },
      secureHandler,
    );
    await listenOrDie(server, bind, securePort, log, 'serve.go:116');
    log.info('secure_serving.go:116', `Serving securely on ${hostPort(bind, securePort)}`);
  }
  if (insecurePort !== 0) {
    const server = http.createServer(handler);
    await listenOrDie(server, insecureBind, insecurePort, log, 'serve.go:96');
    log.info('serve.go:96', `Serving insecurely on ${hostPort(insecureBind, insecurePort)}`);
  }
  notifyReady(log);
  log.info('controller.go:608', 'quota admission added evaluator for: { endpoints}');
  log.info(
    'storage_scheduling.go:100',
    'all system priority classes are created successfully or already exist.',
  );
}
