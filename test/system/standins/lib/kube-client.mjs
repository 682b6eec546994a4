// How the controller-manager and the scheduler reach the apiserver: --master, or the
// --kubeconfig file (server, certificate-authority[-data], client-certificate[-data],
// client-key[-data], token), --master winning over the file's server as in client-go.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import YAML from 'yaml';
import { goFileError } from './go-errors.mjs';
import { request } from './http.mjs';

/** A configuration error that the real binaries print as a bare line before exiting 1. */
export class ConfigProblem extends Error {}

export function loadClientConfig({ master, kubeconfig }) {
  if (!kubeconfig) {
    if (!master) throw new ConfigProblem('invalid configuration: no configuration has been provided');
    return { server: master, tls: {}, headers: {} };
  }
  let text;
  try {
    text = readFileSync(kubeconfig, 'utf8');
  } catch (e) {
    throw new ConfigProblem(goFileError(e, kubeconfig).replace(/^open /, 'stat '));
  }
  let doc;
  try {
    doc = YAML.parse(text) ?? {};
  } catch (e) {
    throw new ConfigProblem(`error loading config file "${kubeconfig}": ${e.message}`);
  }
  const named = (list, name) => (list ?? []).find((x) => x?.name === name);
  const contextName = doc['current-context'] || doc.contexts?.[0]?.name;
  const context = named(doc.contexts, contextName)?.context ?? {};
  const clusterName = context.cluster ?? doc.clusters?.[0]?.name;
  const userName = context.user ?? doc.users?.[0]?.name;
  const cluster = named(doc.clusters, clusterName)?.cluster ?? {};
  const user = named(doc.users, userName)?.user ?? {};

  const errors = [];
  const base = dirname(kubeconfig);
  const material = (dataField, fileField, what, owner, ownerName) => {
    if (owner[dataField]) return Buffer.from(owner[dataField], 'base64');
    const file = owner[fileField];
    if (!file) return undefined;
    const path = isAbsolute(file) ? file : join(base, file);
    try {
      return readFileSync(path);
    } catch (e) {
      errors.push(`unable to read ${what} ${path} for ${ownerName} due to ${goFileError(e, path)}`);
      return undefined;
    }
  };
  const ca = material(
    'certificate-authority-data',
    'certificate-authority',
    'certificate-authority',
    cluster,
    clusterName,
  );
  const cert = material('client-certificate-data', 'client-certificate', 'client-cert', user, userName);
  const key = material('client-key-data', 'client-key', 'client-key', user, userName);
  const server = master || cluster.server;
  if (!server) errors.unshift(`no server found for cluster ${JSON.stringify(clusterName ?? '')}`);
  if (errors.length) throw new ConfigProblem(`invalid configuration: [${errors.join(', ')}]`);
  return {
    server,
    tls: { ca, cert, key, insecure: cluster['insecure-skip-tls-verify'] === true },
    headers: user.token ? { Authorization: `Bearer ${user.token}` } : {},
  };
}

/** Calls with client-go's wording for failures: `Get "URL": dial tcp …` */
export function makeKubeClient(config, minor) {
  const quote = minor >= 19; // Go 1.14+ quotes the URL in *url.Error
  const urlOf = (path) => `${config.server.replace(/\/$/, '')}${path}`;
  return {
    server: config.server,
    urlOf,
    async call(method, path, body) {
      const url = urlOf(path);
      try {
        const r = await request(url, {
          method,
          body,
          headers: config.headers,
          ...config.tls,
          timeoutMs: 10_000,
        });
        let json;
        try {
          json = JSON.parse(r.body);
        } catch {}
        return { status: r.status, json, body: r.body };
      } catch (e) {
        const verb = method[0] + method.slice(1).toLowerCase();
        const err = new Error(`${verb} ${quote ? `"${url}"` : url}: ${e.go ?? e.message}`);
        err.network = true;
        throw err;
      }
    },
  };
}
