/**
 * The seed's two masters behind keepalived and haproxy, on real systemd: master 1 from its
 * answers, master 2 from master 1's export with --set; then master 1's apiserver stops (the
 * VIP moves, the VIP keeps answering through haproxy, the leases move) and, at last, the
 * whole of master 1 goes (its sandbox killed, its etcd member with it). Each move is timed and
 * printed. Run with the stand-ins (test/system/ha-failover.test.ts) and with the real binaries
 * (test/real/ha-failover.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shown } from './apply-helpers.js';
import {
  bootPair,
  HA_PORT,
  type MasterBox,
  type Pair,
  pairAnswers,
  shareAnswers,
  VIP,
} from './ha-helpers.js';
import { sleep, waitUntil } from './harness/wait.js';

interface Report {
  healthy: boolean;
  leaders: { lock: string; holder: string | null; master?: string | null }[];
  ha: {
    vipHolder: string | null;
    throughVip: { health: string };
    masters: {
      address: string;
      self: boolean;
      apiserver: { health: string };
      holdsVip: boolean | null;
      leases: string[];
      backend: string | null;
    }[];
  };
}

/** Polls `check` every 100 ms from `since`; resolves with the milliseconds it took. */
async function within(what: string, timeoutMs: number, since: number, check: () => Promise<boolean>) {
  await waitUntil(check, { timeoutMs, intervalMs: 100, what });
  return Date.now() - since;
}

/** Asks https://VIP:PORT/readyz every 200 ms until stopped; the longest stretch without a 200. */
function watchVip(pair: Pair) {
  let running = true;
  let lastOk = Date.now();
  let longestGap = 0;
  let asked = 0;
  let failed = 0;
  const loop = (async () => {
    while (running) {
      const r = await pair.viaVip('/readyz');
      asked++;
      const now = Date.now();
      if (r.status === 200) {
        longestGap = Math.max(longestGap, now - lastOk);
        lastOk = now;
      } else failed++;
      await sleep(200);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { longestGap: Math.max(longestGap, Date.now() - lastOk), asked, failed };
    },
  };
}

/** Master 2's own addresses over master 1's answers, as the README's walk-through gives them. */
const M2_SET = ['--set', 'advertiseAddress=192.168.50.102', '--set', 'bindAddress=192.168.50.102'];

export function failoverSuite(VERSION: string, opts: { real: boolean }): void {
  const MINOR = VERSION.split('.').slice(0, 2).join('.');
  const kind = opts.real ? 'real binaries' : 'stand-ins';
  describe(`two masters behind the VIP ${VIP}:${HA_PORT} (Kubernetes ${VERSION}, ${kind})`, () => {
    let pair: Pair;
    let m1: MasterBox;
    let m2: MasterBox;
    const timings: Record<string, number> = {};
    const status = async (m: MasterBox): Promise<Report> => {
      const r = await m.cli('status', '--profile', 'm1', ...(m === m2 ? M2_SET : []), '--json');
      return JSON.parse(r.stdout) as Report;
    };
    const leaseHolders = async (m: MasterBox) =>
      Object.fromEntries((await status(m)).leaders.map((l) => [l.lock, l.master ?? null]));
    /** both Leases held by one master's components, read from master 2's apiserver (for the timings) */
    const onMaster = async (host: string) => {
      const holders = await Promise.all(
        ['kube-controller-manager', 'kube-scheduler'].map((l) =>
          pair.leaseHolder(l, 'https://192.168.50.102:6443'),
        ),
      );
      return holders.every((h) => h === host);
    };
    const onMaster2 = () => onMaster('kmw-master-102');

    beforeAll(async () => {
      pair = await bootPair({ version: VERSION, real: opts.real });
      [m1, m2] = pair.masters;
    });
    afterAll(async () => {
      console.log(`HA timings (${VERSION}, ${kind}): ${JSON.stringify(timings)}`);
      await pair?.stop();
    });

    it('master 1 from its answers: the units, haproxy and keepalived start, and it takes the VIP', async () => {
      const file = await shareAnswers(pair, 'm1', pairAnswers(MINOR));
      expect((await m1.cli('profiles', 'import', file, '--name', 'm1')).exitCode).toBe(0);
      const t0 = Date.now();
      const r = await m1.cli('apply', '--profile', 'm1', '--yes');
      timings.applyMaster1Ms = Date.now() - t0;
      expect(r.exitCode, shown(r)).toBe(0);
      // the status table at the end: haproxy sees master 1's apiserver, keepalived holds the VIP
      expect(r.stdout).toMatch(/haproxy +active \(running\) +Healthy +192\.168\.50\.101 UP \(L7OK\)/);
      expect(r.stdout).toMatch(/keepalived +active \(running\) +Healthy +this master holds the VIP/);
      expect(r.stdout).toContain(
        '✔ Wait until keepalived is active and healthy: this master holds the VIP 192.168.50.100',
      );
      expect(await m1.holdsVip()).toBe(true);
      expect((await pair.viaVip()).status).toBe(200);
      // the components talk to their own apiserver, an admin kubeconfig to the VIP
      expect(await m1.sandbox.readFile('/etc/kubernetes/controller-manager.kubeconfig')).toContain(
        'server: https://192.168.50.101:6443',
      );
      expect(await m1.sandbox.readFile('/etc/kubernetes/admin.kubeconfig')).toContain(
        `server: https://${VIP}:${HA_PORT}`,
      );
    });

    it('master 2 from master 1’s export with --set: it joins, the VIP stays on master 1', async () => {
      const exported = `${pair.share}/m1-export.yaml`;
      expect((await m1.cli('profiles', 'export', 'm1', exported)).exitCode).toBe(0);
      expect((await m2.cli('profiles', 'import', exported, '--name', 'm1')).exitCode).toBe(0);
      // as exported, the answers name master 1's addresses: apply refuses, naming them and the way out
      const refused = await m2.cli('apply', '--profile', 'm1', '--yes');
      expect(refused.exitCode, shown(refused)).toBe(2);
      expect(refused.stderr).toContain(
        'advertiseAddress 192.168.50.101 is not an address of this host: give --set advertiseAddress=192.168.50.102',
      );
      expect(refused.stderr).toContain('bindAddress 192.168.50.101 is not an address of this host');
      expect(await m2.sandbox.exists('/etc/kubernetes/apiserver')).toBe(false);

      const t0 = Date.now();
      const r = await m2.cli('apply', '--profile', 'm1', ...M2_SET, '--yes');
      timings.applyMaster2Ms = Date.now() - t0;
      expect(r.exitCode, shown(r)).toBe(0);
      expect(r.stdout).toContain('another master holds the VIP 192.168.50.100; it answers');
      expect(await m2.sandbox.readFile('/etc/keepalived/keepalived.conf')).toContain('priority 140');
      expect(await m1.holdsVip()).toBe(true);
      expect(await m2.holdsVip()).toBe(false);
      // haproxy on each master sees both apiservers up
      for (const m of [m1, m2]) {
        await waitUntil(async () => (await status(m)).ha.masters.every((x) => x.backend?.startsWith('UP')), {
          timeoutMs: 15_000,
          what: `haproxy on ${m.address} sees both masters up`,
        });
      }
      const view = await status(m2);
      expect(view.ha.vipHolder).toBe('192.168.50.101');
      expect(view.ha.masters.map((x) => [x.address, x.self, x.apiserver.health, x.holdsVip])).toEqual([
        ['192.168.50.101', false, 'healthy', true],
        ['192.168.50.102', true, 'healthy', false],
      ]);
      // master 1 came first: its controller-manager and scheduler lead
      expect(await leaseHolders(m2)).toEqual({
        'kube-controller-manager': '192.168.50.101',
        'kube-scheduler': '192.168.50.101',
      });
    });

    it('master 1’s apiserver stops: the VIP moves to master 2 within seconds, keeps answering, and the leases follow', async () => {
      const vip = watchVip(pair);
      const t0 = Date.now();
      expect((await m1.sandbox.systemctl('stop', 'kube-apiserver.service')).exitCode).toBe(0);
      timings.apiserverStopVipMoveMs = await within('the VIP on master 2', 20_000, t0, async () =>
        m2.holdsVip(),
      );
      expect(await m1.holdsVip()).toBe(false);
      timings.apiserverStopLeaseMoveMs = await within('both leases on master 2', 60_000, t0, () =>
        onMaster2(),
      );
      const seen = await vip.stop();
      timings.apiserverStopLongestVipGapMs = seen.longestGap;
      timings.apiserverStopVipAsked = seen.asked;
      timings.apiserverStopVipFailed = seen.failed;
      // haproxy sent the requests to master 2's apiserver: no stretch of a few seconds without an answer
      expect(seen.longestGap).toBeLessThan(5_000);

      // the status table on both masters says so
      for (const m of [m1, m2]) {
        const view = await status(m);
        expect(view.ha.vipHolder, `seen from ${m.address}`).toBe('192.168.50.102');
        expect(view.ha.throughVip.health).toBe('healthy');
        expect(view.ha.masters.find((x) => x.address === '192.168.50.101')?.apiserver.health).toBe(
          'unhealthy',
        );
        expect(view.ha.masters.find((x) => x.address === '192.168.50.102')?.leases.sort()).toEqual([
          'kube-controller-manager',
          'kube-scheduler',
        ]);
      }
      const plain = await m2.cli('status', '--profile', 'm1', ...M2_SET, '-o', 'wide');
      expect(plain.stdout).toContain(
        'The masters behind https://192.168.50.100:8443 (the VIP is on 192.168.50.102; * is this master):',
      );
      expect(plain.stdout).toMatch(/192\.168\.50\.101 +Unhealthy +- +- +DOWN/);
      expect(plain.stdout).toMatch(
        /192\.168\.50\.102 \* +Healthy +holds +kube-controller-manager, kube-scheduler +UP/,
      );

      // master 1's apiserver back: the VIP returns to the higher priority
      expect((await m1.sandbox.systemctl('start', 'kube-apiserver.service')).exitCode).toBe(0);
      const t1 = Date.now();
      timings.apiserverBackVipReturnMs = await within('the VIP back on master 1', 60_000, t1, async () =>
        m1.holdsVip(),
      );
    });

    it('the whole of master 1 goes: the VIP and the leases move to master 2, etcd keeps its quorum', async () => {
      await waitUntil(async () => (await pair.viaVip()).status === 200, {
        timeoutMs: 20_000,
        what: 'the VIP answering',
      });
      // master 1's controller-manager and scheduler did not outlive its apiserver's stop: they exit
      // when their apiserver does not answer at start, and systemd gives up after five quick
      // restarts (the seed's Restart=on-failure). apply on master 1 starts them again.
      const again = await m1.cli('apply', '--profile', 'm1', '--yes');
      expect(again.exitCode, shown(again)).toBe(0);
      // the leases back to master 1 first: master 2's controller-manager and scheduler step aside a while
      const m2Units = ['kube-controller-manager.service', 'kube-scheduler.service'];
      expect((await m2.sandbox.systemctl('stop', ...m2Units)).exitCode).toBe(0);
      await waitUntil(() => onMaster('kmw-master-101'), {
        timeoutMs: 60_000,
        what: 'both leases on master 1',
      }).catch(async (e: Error) => {
        const units = ['kube-apiserver.service', 'kube-controller-manager.service', 'kube-scheduler.service'];
        const said = await Promise.all(
          units.map(async (u) => {
            const state = (await m1.sandbox.systemctl('show', '-p', 'ActiveState,SubState,NRestarts', u))
              .stdout;
            const lines = (await m1.sandbox.journal(u)).trim().split('\n').slice(-12).join('\n');
            return `${u} on master 1: ${state.replace(/\n/g, ' ')}\n${lines}`;
          }),
        );
        throw new Error(`${e.message}\n${said.join('\n')}`);
      });
      expect((await m2.sandbox.systemctl('start', ...m2Units)).exitCode).toBe(0);
      expect(await m1.holdsVip()).toBe(true);
      const vip = watchVip(pair);
      const t0 = Date.now();
      await m1.sandbox.stop();
      timings.masterDownVipMoveMs = await within('the VIP on master 2', 20_000, t0, async () =>
        m2.holdsVip(),
      );
      timings.masterDownLeaseMoveMs = await within('both leases on master 2', 60_000, t0, () => onMaster2());
      expect(await leaseHolders(m2)).toEqual({
        'kube-controller-manager': '192.168.50.102',
        'kube-scheduler': '192.168.50.102',
      });
      const seen = await vip.stop();
      timings.masterDownLongestVipGapMs = seen.longestGap;
      expect(seen.longestGap).toBeLessThan(8_000);
      const view = await status(m2);
      expect(view.ha.vipHolder).toBe('192.168.50.102');
      expect(view.ha.masters[0]).toMatchObject({
        address: '192.168.50.101',
        apiserver: { health: 'unhealthy' },
      });
      expect((await pair.etcd.health('etcd-102')).ok).toBe(true);
      expect((await pair.etcd.health('etcd-1')).ok).toBe(true);
    });
  });
}
