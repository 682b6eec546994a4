import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../src/model/components.js';
import { argvOf } from '../../src/model/layout.js';
import { parseAnswers } from '../../src/model/parse-answers.js';
import { SEED } from '../../src/model/seed.js';
import { unsafeReason } from '../../src/model/values.js';
import { execArgv } from '../../src/parse/unit.js';
import { renderFiles } from '../../src/render/files.js';

// Text that mixes harmless characters with everything an EnvironmentFile or systemd's
// word splitting would interpret.
const BRACED_REF = ['$', '{A}'].join(''); // a literal braced variable reference
const nasty = fc
  .array(
    fc.constantFrom(
      ...'ab/._-=:,1 "\'\\$#;`\n\t{}%@+[]'.split(''),
      fc.constant('--x'),
      fc.constant(BRACED_REF),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const minor = fc.integer({ min: 10, max: 36 });

describe('no accepted value can break an EnvironmentFile or inject a flag', () => {
  it('accepts a value only when it holds no interpreted character', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        if (unsafeReason(value) === null) expect(value).toMatch(/^[A-Za-z0-9._/:@,=+%\-[\]]+$/);
      }),
    );
  });

  it('systemd runs exactly the flags the layout intends, for any accepted answers', () => {
    fc.assert(
      fc.property(nasty, nasty, nasty, minor, (path, ttl, extra, m) => {
        const input = {
          kubernetesVersion: `1.${m}`,
          advertiseAddress: '192.168.50.101',
          bindAddress: '192.168.50.101',
          securePort: 6443,
          etcdServers: [...SEED.etcdServers],
          apiserver: { eventTtl: ttl, extraArgs: [`--x-extra=${extra}`], auditLogPath: `/var/${path}` },
          certs: { caFile: `/etc/${path}` },
        };
        const parsed = parseAnswers(input);
        if (!parsed.ok) return;
        const { files, layout } = renderFiles(parsed.answers, m);
        for (const component of COMPONENTS) {
          const env = files.find((f) => f.component === component && f.kind === 'envfile')!;
          const unit = files.find((f) => f.component === component && f.kind === 'unit')!;
          const intended = argvOf(layout.components.find((c) => c.component === component)!);
          expect(execArgv(unit.content, env.content)).toEqual([`/usr/local/bin/${component}`, ...intended]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
