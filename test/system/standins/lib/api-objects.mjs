// The few API objects the control plane's leader election needs, kept in etcd under the
// apiserver's key layout (JSON, not protobuf): Endpoints and coordination.k8s.io Leases.
import { randomUUID } from 'node:crypto';
import { statusBody } from './status.mjs';

const RESOURCES = [
  {
    re: /^\/api\/v1\/namespaces\/([^/]+)\/endpoints(?:\/([^/]+))?$/,
    apiVersion: 'v1',
    kind: 'Endpoints',
    qualified: 'endpoints',
    prefix: '/registry/services/endpoints',
    since: 0,
  },
  {
    re: /^\/apis\/coordination\.k8s\.io\/v1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/,
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    qualified: 'leases.coordination.k8s.io',
    prefix: '/registry/leases',
    since: 14,
  },
  {
    re: /^\/apis\/coordination\.k8s\.io\/v1beta1\/namespaces\/([^/]+)\/leases(?:\/([^/]+))?$/,
    apiVersion: 'coordination.k8s.io/v1beta1',
    kind: 'Lease',
    qualified: 'leases.coordination.k8s.io',
    prefix: '/registry/leases',
    since: 12,
  },
];

export function matchObjectPath(path, minor) {
  for (const r of RESOURCES) {
    const m = r.re.exec(path);
    if (m && minor >= r.since) return { resource: r, namespace: m[1], name: m[2] };
  }
  return null;
}

const nowRfc3339 = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function present(resource, stored, modRevision, minor, path) {
  const obj = JSON.parse(stored);
  obj.apiVersion = resource.apiVersion;
  obj.kind = resource.kind;
  obj.metadata = { ...obj.metadata, resourceVersion: String(modRevision) };
  if (minor < 20) obj.metadata.selfLink = path;
  return obj;
}

/**
 * GET/POST/PUT/DELETE on one object path. Returns { code, body }.
 * Updates are optimistic: a PUT carrying metadata.resourceVersion only lands if etcd's
 * modification revision still matches (409 Conflict otherwise), as the real one does.
 */
export async function handleObjectRequest(method, match, bodyText, etcd, minor, path) {
  const { resource, namespace, name } = match;
  const key = (n) => `${resource.prefix}/${namespace}/${n}`;
  const notFound = (n) =>
    statusBody(404, 'NotFound', `${resource.qualified} "${n}" not found`, {
      name: n,
      kind: resource.qualified.split('.')[0],
    });

  if (method === 'GET' && name) {
    const found = await etcd.get(key(name));
    if (!found) return { code: 404, body: notFound(name) };
    return { code: 200, body: present(resource, found.value, found.modRevision, minor, path) };
  }
  if (method === 'GET') {
    const items = await etcd.list(`${resource.prefix}/${namespace}/`);
    return {
      code: 200,
      body: {
        kind: `${resource.kind}List`,
        apiVersion: resource.apiVersion,
        metadata: { resourceVersion: '' },
        items: items.map((kv) =>
          present(resource, kv.value, kv.modRevision, minor, `${path}/${kv.key.split('/').at(-1)}`),
        ),
      },
    };
  }

  let obj;
  try {
    obj = JSON.parse(bodyText || '{}');
  } catch (e) {
    return {
      code: 400,
      body: statusBody(400, 'BadRequest', `the object provided is unrecognized: ${e.message}`),
    };
  }
  const objName = obj?.metadata?.name;

  if (method === 'POST' && !name) {
    if (!objName)
      return {
        code: 422,
        body: statusBody(
          422,
          'Invalid',
          `${resource.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
        ),
      };
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        namespace,
        uid: randomUUID(),
        creationTimestamp: nowRfc3339(),
        resourceVersion: undefined,
      },
    };
    const rev = await etcd.putIf(key(objName), JSON.stringify(stored), { createOnly: true });
    if (rev === null) {
      return {
        code: 409,
        body: statusBody(409, 'AlreadyExists', `${resource.qualified} "${objName}" already exists`, {
          name: objName,
          kind: resource.qualified.split('.')[0],
        }),
      };
    }
    return { code: 201, body: present(resource, JSON.stringify(stored), rev, minor, `${path}/${objName}`) };
  }

  if (method === 'PUT' && name) {
    if (objName && objName !== name) {
      return {
        code: 400,
        body: statusBody(
          400,
          'BadRequest',
          `the name of the object (${objName}) does not match the name on the URL (${name})`,
        ),
      };
    }
    const current = await etcd.get(key(name));
    if (!current) return { code: 404, body: notFound(name) };
    const old = JSON.parse(current.value);
    const rv = obj?.metadata?.resourceVersion;
    const stored = {
      ...obj,
      metadata: { ...obj.metadata, ...pick(old.metadata), namespace, name, resourceVersion: undefined },
    };
    const rev = await etcd.putIf(key(name), JSON.stringify(stored), {
      modRevision: rv ? rv : current.modRevision,
    });
    if (rev === null) {
      return {
        code: 409,
        body: statusBody(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${resource.qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          { name, kind: resource.qualified.split('.')[0] },
        ),
      };
    }
    return { code: 200, body: present(resource, JSON.stringify(stored), rev, minor, path) };
  }

  return {
    code: 405,
    body: statusBody(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
    ),
  };
}

const pick = (m = {}) => ({ uid: m.uid, creationTimestamp: m.creationTimestamp });
