// GET /api/v1/componentstatuses as the apiserver of that era answered it: it probes the
// controller-manager and the scheduler on 127.0.0.1 and every etcd server itself.
import { request } from './http.mjs';

export async function componentStatuses({ minor, etcdServers, etcdTls }) {
  const quoteUrl = minor >= 19; // Go 1.14+ quotes the URL in *url.Error
  const probes = [
    ['scheduler', minor < 23 ? 'http://127.0.0.1:10251/healthz' : 'https://127.0.0.1:10259/healthz', {}],
    [
      'controller-manager',
      minor < 22 ? 'http://127.0.0.1:10252/healthz' : 'https://127.0.0.1:10257/healthz',
      {},
    ],
    ...etcdServers.map((s, i) => [`etcd-${i}`, `${s}/health`, etcdTls]),
  ];
  const items = await Promise.all(
    probes.map(async ([name, url, tls]) => {
      let condition;
      try {
        const r = await request(url, { ...tls, insecure: !name.startsWith('etcd'), timeoutMs: 2000 });
        const body = r.body.trim();
        const healthy =
          r.status === 200 && (name.startsWith('etcd') ? JSON.parse(body).health === 'true' : true);
        condition = healthy
          ? { type: 'Healthy', status: 'True', message: body }
          : {
              type: 'Healthy',
              status: 'False',
              message: body,
              error: `HTTP probe failed with statuscode: ${r.status}`,
            };
      } catch (e) {
        const shown = quoteUrl ? `"${url}"` : url;
        condition = { type: 'Healthy', status: 'False', error: `Get ${shown}: ${e.go ?? e.message}` };
      }
      return {
        kind: 'ComponentStatus',
        apiVersion: 'v1',
        metadata: {
          name,
          ...(minor < 20 ? { selfLink: `/api/v1/componentstatuses/${name}` } : {}),
          creationTimestamp: null,
        },
        conditions: [condition],
      };
    }),
  );
  return {
    kind: 'ComponentStatusList',
    apiVersion: 'v1',
    metadata: minor < 20 ? { selfLink: '/api/v1/componentstatuses' } : {},
    items,
  };
}
