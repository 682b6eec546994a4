import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, CLI_SH, requireBundle } from './tmux.js';

// The built CLI as a shell pipeline uses it: output cut short by the reader, exit status kept.
describe('the single-file CLI in a pipe', () => {
  let answers: string;
  beforeAll(() => {
    requireBundle();
    const dir = mkdtempSync(join(tmpdir(), 'kmw-pipe-'));
    answers = join(dir, 'a.yaml');
    writeFileSync(
      answers,
      'kubernetesVersion: "1.24"\nadvertiseAddress: 192.168.50.101\nbindAddress: 192.168.50.101\nsecurePort: 6443\netcdServers: [https://192.168.50.101:2379]\n',
    );
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const r = spawnSync(
      'sh',
      ['-c', `${CLI_SH} apply --answers "${answers}" --dry-run --root /nonexistent | head -n 1`],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toBe('Dry run: nothing is written and nothing runs.\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('keeps the exit status of invalid answers (2) through a pipe', () => {
    const bad = join(tmpdir(), `kmw-bad-${process.pid}.yaml`);
    writeFileSync(bad, 'advertiseAddress: 0.0.0.0\n');
    const r = spawnSync(CLI[0]!, [...CLI.slice(1), 'apply', '--answers', bad, '--dry-run'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('advertiseAddress: "0.0.0.0" is not accepted');
    expect(r.stdout).toBe('');
  });
});
