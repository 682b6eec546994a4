import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planFiles, writePlanned } from '../../src/apply/plan.js';
import { translator } from '../../src/i18n/index.js';
import { hasUnsafe } from '../../src/i18n/terminal-text.js';
import { describeProblem } from '../../src/model/issues.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { namedPaths } from '../../src/model/paths.js';
import { SEED } from '../../src/model/seed.js';
import { renderFiles } from '../../src/render/files.js';

const base = {
  kubernetesVersion: '1.24',
  advertiseAddress: '192.168.50.101',
  bindAddress: '192.168.50.101',
  securePort: 6443,
  etcdServers: [...SEED.etcdServers],
};

// Paths built from the names the seed's files have, so that clashes are common.
const segment = fc.constantFrom(
  'etc',
  'kubernetes',
  'apiserver',
  'scheduler',
  'scheduler.kubeconfig',
  'kube-apiserver.service',
  'kube-apiserver',
  'systemd',
  'system',
  'ssl',
  'ca.pem',
  'bin',
  '.',
  '',
);
const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const somePaths = fc.record(
  {
    configDir: path,
    unitDir: path,
    binDir: path,
    caFile: path,
    tokenAuthFile: path,
    auditLogPath: path,
  },
  { requiredKeys: [] },
);

const inside = (a: string, b: string) => a.startsWith(`${b}/`);

describe('paths that collide never reach the disk', () => {
  it('accepted answers name every file once, none inside another, none on a file that is read', () => {
    let accepted = 0;
    fc.assert(
      fc.property(somePaths, fc.integer({ min: 10, max: 36 }), (p, minor) => {
        const { caFile, tokenAuthFile, auditLogPath, ...dirs } = p;
        const parsed = parseAnswers({
          ...base,
          paths: dirs,
          certs: caFile === undefined ? {} : { caFile },
          apiserver: {
            ...(tokenAuthFile === undefined ? {} : { tokenAuthFile }),
            ...(auditLogPath === undefined ? {} : { auditLogPath }),
          },
        });
        if (!parsed.ok) return;
        accepted++;
        const written = renderFiles(parsed.answers, minor).files.map((f) => f.path.replace(/\/+/g, '/'));
        expect(new Set(written).size).toBe(written.length);
        for (const a of written) for (const b of written) expect(inside(a, b)).toBe(false);
        const others = namedPaths(parsed.answers).filter(
          (n) => !['envfile', 'unit', 'kubeconfig'].includes(n.role),
        );
        for (const w of written) {
          for (const o of others) {
            expect(o.path === w && o.role !== 'binary').toBe(false);
            expect(inside(o.path, w)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
    // not a property of nothing: many of these answers are accepted
    expect(accepted).toBeGreaterThan(30);
  }, 60_000);

  it('the files of any accepted answers are written whole under an empty root', async () => {
    await fc.assert(
      fc.asyncProperty(somePaths, async (p) => {
        const { caFile, tokenAuthFile, auditLogPath, ...dirs } = p;
        const parsed = parseAnswers({ ...base, paths: dirs });
        if (!parsed.ok) return;
        const root = await mkdtemp(join(tmpdir(), 'kmw-paths-'));
        try {
          const planned = await planFiles(renderFiles(parsed.answers, 24).files, root);
          const written = await writePlanned(planned, new Date());
          expect(written).toHaveLength(planned.length);
          for (const f of planned) expect(await readFile(f.target, 'utf8')).toBe(f.content);
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

// Any value in any field, keys of any text: the answer is a list of problems, each naming
// its field, saying what is accepted, short, and with nothing a terminal would act on.
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '\u001b[2J',
    'x\nFiles written under /.',
    '\u202eevil',
    '\u0000',
    '\u009b31m',
    'k'.repeat(5000),
  ),
);
const anyValue = fc.oneof(
  hostileText,
  fc.double(),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, -0, 1e308),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);
const FIELDS = [
  'kubernetesVersion',
  'advertiseAddress',
  'bindAddress',
  'securePort',
  'etcdServers',
  'serviceClusterIpRange',
  'serviceNodePortRange',
  'apiserver',
  'controllerManager',
  'scheduler',
  'certs',
  'logging',
  'paths',
  'loadBalancer',
];

describe('any answers get a truthful, safe answer', () => {
  it('every problem names its field and what is accepted, in both languages, safely', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostileText), anyValue, { maxKeys: 6 }),
        (patch) => {
          const r = parseAnswers({ ...base, ...patch });
          if (r.ok) return;
          expect(r.problems.length).toBeGreaterThan(0);
          for (const lang of ['en', 'zh'] as const) {
            for (const p of r.problems) {
              const line = describeProblem(p, translator(lang));
              expect(hasUnsafe(line)).toBe(false);
              expect(line.length).toBeLessThan(600);
              expect(line).not.toMatch(/Invalid input|expected a value of type/);
              expect(line).toMatch(lang === 'en' ? / is not accepted; expected / : /:不接受 .*;应为/);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);
});
