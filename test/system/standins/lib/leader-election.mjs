// client-go's leader election, reduced: the record lives in an Endpoints annotation
// (control-plane.alpha.kubernetes.io/leader, releases before 1.17), in both that and a
// Lease (1.17–1.19, "endpointsleases") or in a Lease only (1.20+), on the apiserver the
// component talks to. Optimistic concurrency through resourceVersion, as the real one.

const ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms) => ms + Math.random() * ms * 0.2;

const micro = (d) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const rfc3339 = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The default lock of a release: endpoints < 1.17, endpointsleases 1.17–1.19, leases 1.20+ */
export const defaultLock = (minor) => (minor < 17 ? 'endpoints' : minor < 20 ? 'endpointsleases' : 'leases');

function endpointsLock(ns, name) {
  const path = `/api/v1/namespaces/${ns}/endpoints/${name}`;
  return {
    describe: `${ns}/${name}`,
    kind: 'Endpoints',
    path,
    collection: `/api/v1/namespaces/${ns}/endpoints`,
    record(obj) {
      const raw = obj?.metadata?.annotations?.[ANNOTATION];
      return raw ? JSON.parse(raw) : {};
    },
    build(rec, existing) {
      const annotations = {
        ...existing?.metadata?.annotations,
        [ANNOTATION]: JSON.stringify({
          holderIdentity: rec.holderIdentity,
          leaseDurationSeconds: rec.leaseDurationSeconds,
          acquireTime: rfc3339(rec.acquireTime),
          renewTime: rfc3339(rec.renewTime),
          leaderTransitions: rec.leaderTransitions,
        }),
      };
      return {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { ...existing?.metadata, name, namespace: ns, annotations },
        ...(existing?.subsets ? { subsets: existing.subsets } : {}),
      };
    },
  };
}

function leaseLock(ns, name, minor) {
  const group = `/apis/coordination.k8s.io/${minor >= 14 ? 'v1' : 'v1beta1'}`;
  return {
    describe: `${ns}/${name}`,
    kind: 'Lease',
    path: `${group}/namespaces/${ns}/leases/${name}`,
    collection: `${group}/namespaces/${ns}/leases`,
    record(obj) {
      const s = obj?.spec ?? {};
      return {
        holderIdentity: s.holderIdentity,
        leaseDurationSeconds: s.leaseDurationSeconds,
        acquireTime: s.acquireTime,
        renewTime: s.renewTime,
        leaderTransitions: s.leaseTransitions ?? 0,
      };
    },
    build(rec, existing) {
      return {
        apiVersion: `coordination.k8s.io/${minor >= 14 ? 'v1' : 'v1beta1'}`,
        kind: 'Lease',
        metadata: { ...existing?.metadata, name, namespace: ns },
        spec: {
          holderIdentity: rec.holderIdentity,
          leaseDurationSeconds: rec.leaseDurationSeconds,
          acquireTime: micro(rec.acquireTime),
          renewTime: micro(rec.renewTime),
          leaseTransitions: rec.leaderTransitions,
        },
      };
    },
  };
}

/**
 * Runs forever: acquires, then renews every retry period; exits the process with
 * `F… leaderelection lost` when it cannot renew within the renew deadline.
 */
export async function runLeaderElection(o) {
  const { client, log, identity, minor, name, namespace = 'kube-system' } = o;
  const leaseDurationMs = o.leaseDurationMs ?? 15_000;
  const renewDeadlineMs = o.renewDeadlineMs ?? 10_000;
  const retryPeriodMs = o.retryPeriodMs ?? 2_000;
  const kind = o.lock ?? defaultLock(minor);
  const primary = kind === 'leases' ? leaseLock(namespace, name, minor) : endpointsLock(namespace, name);
  const secondary = kind === 'endpointsleases' ? leaseLock(namespace, name, minor) : null;
  const q = '?timeout=10s';

  let observedRaw = '';
  let observedTime = 0;

  const write = async (lock, rec, existing) => {
    const body = lock.build(rec, existing);
    return existing
      ? client.call('PUT', `${lock.path}${q}`, body)
      : client.call('POST', `${lock.collection}${q}`, body);
  };
  const apiMessage = (r) => r.json?.message ?? `${r.status}`;

  const tryAcquireOrRenew = async () => {
    const now = new Date();
    const rec = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.round(leaseDurationMs / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };
    let got;
    try {
      got = await client.call('GET', `${primary.path}${q}`);
    } catch (e) {
      log.error('leaderelection.go:270', `error retrieving resource lock ${primary.describe}: ${e.message}`);
      return false;
    }
    if (got.status === 404) {
      const created = await write(primary, rec, null).catch((e) => ({
        status: 0,
        json: { message: e.message },
      }));
      if (created.status !== 201) {
        log.error(
          'leaderelection.go:270',
          `error initially creating leader election record: ${apiMessage(created)}`,
        );
        return false;
      }
      if (secondary) await write(secondary, rec, null).catch(() => {});
      observedRaw = JSON.stringify(primary.record(created.json));
      observedTime = Date.now();
      return true;
    }
    if (got.status !== 200) {
      log.error(
        'leaderelection.go:270',
        `error retrieving resource lock ${primary.describe}: ${apiMessage(got)}`,
      );
      return false;
    }
    const current = primary.record(got.json);
    const raw = JSON.stringify(current);
    if (raw !== observedRaw) {
      observedRaw = raw;
      observedTime = Date.now();
    }
    const heldByOther = current.holderIdentity && current.holderIdentity !== identity;
    if (heldByOther && observedTime + leaseDurationMs > Date.now()) {
      log.v(4, 'leaderelection.go:275', `lock is held by ${current.holderIdentity} and has not yet expired`);
      return false;
    }
    if (current.holderIdentity === identity) {
      rec.acquireTime = new Date(current.acquireTime);
      rec.leaderTransitions = current.leaderTransitions ?? 0;
    } else {
      rec.leaderTransitions = (current.leaderTransitions ?? 0) + 1;
    }
    let updated;
    try {
      updated = await write(primary, rec, got.json);
    } catch (e) {
      log.error('leaderelection.go:270', `Failed to update lock: ${e.message}`);
      return false;
    }
    if (updated.status !== 200) {
      log.error('leaderelection.go:270', `Failed to update lock: ${apiMessage(updated)}`);
      return false;
    }
    if (secondary) {
      const s = await client.call('GET', `${secondary.path}${q}`).catch(() => null);
      if (s?.status === 200) await write(secondary, rec, s.json).catch(() => {});
      else if (s?.status === 404) await write(secondary, rec, null).catch(() => {});
    }
    observedRaw = JSON.stringify(primary.record(updated.json));
    observedTime = Date.now();
    return true;
  };

  log.info('leaderelection.go:205', `attempting to acquire leader lease  ${primary.describe}...`);
  while (!(await tryAcquireOrRenew())) await sleep(jitter(retryPeriodMs));
  log.info('leaderelection.go:214', `successfully acquired lease ${primary.describe}`);
  log.info(
    'event.go:221',
    `Event(v1.ObjectReference{Kind:"${primary.kind}", Namespace:"${namespace}", Name:"${name}", APIVersion:"v1", FieldPath:""}): type: 'Normal' reason: 'LeaderElection' ${identity} became leader`,
  );
  o.onStartedLeading?.();

  let lastRenew = Date.now();
  for (;;) {
    await sleep(retryPeriodMs);
    if (await tryAcquireOrRenew()) {
      lastRenew = Date.now();
      continue;
    }
    if (Date.now() - lastRenew >= renewDeadlineMs) {
      log.info(
        'leaderelection.go:249',
        `failed to renew lease ${primary.describe}: failed to tryAcquireOrRenew context deadline exceeded`,
      );
      log.fatal(o.lostWhere ?? 'controllermanager.go:259', 'leaderelection lost');
    }
  }
}
