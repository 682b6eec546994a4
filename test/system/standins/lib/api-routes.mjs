// The kube-apiserver stand-in's HTTP handler: health, version, a little discovery,
// componentstatuses, and the Endpoints/Lease objects used for leader election.
import { handleObjectRequest, matchObjectPath } from './api-objects.mjs';
import { componentStatuses } from './component-statuses.mjs';
import { healthReply } from './health-checks.mjs';
import { notFound, sendJson, sendText, statusBody } from './status.mjs';

/** Paths an unauthenticated user may read (system:public-info-viewer / system:discovery). */
export function isPublicPath(path) {
  return /^\/(healthz|livez|readyz)(\/.*)?$/.test(path) || path === '/version' || path === '/version/';
}

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * @param ctx {{ version, minor, etcd, etcdServers, etcdTls, etcdHealthy: () => boolean, advertise: string }}
 */
export function makeApiHandler(ctx) {
  const { version, minor } = ctx;
  const [major, minorText] = version.split('.');

  const health = (endpoint, verbose) => {
    const etcdOk = ctx.etcdHealthy();
    const checks =
      endpoint === 'livez'
        ? [
            ['ping', true],
            ['log', true],
          ]
        : [
            ['ping', true],
            ['log', true],
            ['etcd', etcdOk],
            ['poststarthook/generic-apiserver-start-informers', true],
            ['poststarthook/bootstrap-controller', true],
            ['poststarthook/rbac/bootstrap-roles', true],
            ['poststarthook/scheduling/bootstrap-system-priority-classes', true],
            ...(endpoint === 'readyz' ? [['shutdown', true]] : []),
          ];
    return healthReply(endpoint, checks, verbose);
  };

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname.replace(/\/$/, '') || '/';
    const method = req.method ?? 'GET';

    const probe = /^\/(healthz|livez|readyz)$/.exec(path);
    if (probe && (probe[1] === 'healthz' || minor >= 16)) {
      const r = health(probe[1], url.searchParams.has('verbose'));
      return sendText(res, r.code, r.text);
    }
    if (path === '/healthz/ping' || (minor >= 16 && /^\/(livez|readyz)\/ping$/.test(path)))
      return sendText(res, 200, 'ok');
    if (path === '/version') {
      return sendJson(res, 200, {
        major,
        minor: minorText,
        gitVersion: `v${version}`,
        gitCommit: 'kmw-standin',
        gitTreeState: 'clean',
        buildDate: '1970-01-01T00:00:00Z',
        goVersion: 'go1.x',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
    }
    if (path === '/api') {
      return sendJson(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: ctx.advertise }],
      });
    }
    if (path === '/apis') {
      const versions = [...(minor >= 14 ? ['v1'] : []), ...(minor >= 12 ? ['v1beta1'] : [])].map((v) => ({
        groupVersion: `coordination.k8s.io/${v}`,
        version: v,
      }));
      return sendJson(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [{ name: 'coordination.k8s.io', versions, preferredVersion: versions[0] }],
      });
    }
    if (path === '/api/v1/componentstatuses' && method === 'GET') {
      return sendJson(res, 200, await componentStatuses(ctx));
    }
    const match = matchObjectPath(path, minor);
    if (match) {
      const body = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
      try {
        const r = await handleObjectRequest(method, match, body, ctx.etcd, minor, path);
        return sendJson(res, r.code, r.body);
      } catch (e) {
        return sendJson(
          res,
          504,
          statusBody(
            504,
            'Timeout',
            `Timeout: request did not complete within requested timeout 34s (etcd: ${e.go ?? e.message})`,
          ),
        );
      }
    }
    return sendJson(res, 404, notFound());
  };
}
