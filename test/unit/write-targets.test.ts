import { mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planFiles, writePlanned } from '../../src/apply/plan.js';
import { applyCommand } from '../../src/commands/apply.js';
import { exitStatusOf } from '../../src/commands/exit.js';
import { checkTargets, WriteError } from '../../src/host/targets.js';
import { translator } from '../../src/i18n/index.js';
import { SEED } from '../../src/model/seed.js';
import { renderFiles } from '../../src/render/files.js';
import { captureContext } from './helpers/context.js';
import { seedAnswers } from './helpers/seed-answers.js';

// Every target is known good before the first file is written; what fails anyway is said in
// one line naming the file, never a stack trace.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kmw-targets-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const files = () => renderFiles(seedAnswers('1.24'), 24).files;

async function refusal(promise: Promise<unknown>): Promise<WriteError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WriteError);
  return error as WriteError;
}

const tree = async () => (await readdir(root, { recursive: true })).sort();
const en = translator('en');

describe('the targets, checked before anything is written', () => {
  it('refuses a target named twice, or one inside another', async () => {
    const a = join(root, 'a');
    expect((await refusal(checkTargets([a, a]))).text(en)).toBe(
      `Cannot write ${a}: it is planned twice. Nothing was written.`,
    );
    expect((await refusal(checkTargets([a, join(a, 'b')]))).text(en)).toBe(
      `Cannot write ${join(a, 'b')}: it would lie inside ${a}, which is written as a file. Nothing was written.`,
    );
  });

  it('refuses a directory or a device where a file goes, and a file where a directory goes', async () => {
    await mkdir(join(root, 'etc/kubernetes/apiserver'), { recursive: true });
    const planned = refusal(planFiles(files(), root));
    expect((await planned).text(en)).toBe(
      `Cannot write ${root}/etc/kubernetes/apiserver: a directory is in its place. Nothing was written.`,
    );
    await rm(join(root, 'etc'), { recursive: true });
    await mkdir(join(root, 'etc'));
    await writeFile(join(root, 'etc/systemd'), 'a file');
    expect((await refusal(planFiles(files(), root))).text(translator('zh'))).toBe(
      `无法写入 ${root}/etc/systemd/system/kube-apiserver.service:${root}/etc/systemd 是文件,不是目录。 未写入任何文件。`,
    );
    await symlink('/dev/null', join(root, 'etc/kubernetes'));
    expect((await refusal(planFiles(files(), root))).key).toBe('write.parentNotDir');
  });

  it('follows a symlinked directory, as the kernel does', async () => {
    await mkdir(join(root, 'real'), { recursive: true });
    await symlink(join(root, 'real'), join(root, 'etc'));
    const planned = await planFiles(files(), root);
    expect(await writePlanned(planned, new Date())).toHaveLength(planned.length);
    expect(await readFile(join(root, 'real/kubernetes/apiserver'), 'utf8')).toContain('KUBE_API_ADDRESS');
  });

  it('checks again before writing: the disk may have changed since the plan', async () => {
    const planned = await planFiles(files(), root);
    await mkdir(join(root, 'etc/kubernetes/scheduler'), { recursive: true });
    const error = await refusal(writePlanned(planned, new Date()));
    expect(error.key).toBe('write.isDir');
    expect(error.written).toEqual([]);
    expect(await tree()).toEqual(['etc', 'etc/kubernetes', 'etc/kubernetes/scheduler']);
  });

  it('a write that fails half-way names the file and what was already written, each whole', async () => {
    const planned = await planFiles(files(), root);
    const second = planned[1]!.target;
    const error = await refusal(
      writePlanned(planned, new Date(), (w) => {
        // something takes the second file's place after the first was written
        if (w.target === planned[0]!.target) mkdirSync(second, { recursive: true });
      }),
    );
    expect(error.key).toBe('write.failed');
    expect(error.written).toEqual([planned[0]!.target]);
    expect(error.text(en)).toMatch(
      new RegExp(
        `^Writing ${second} failed: .+\\. Written before it \\(each whole, with its backup\\): ${planned[0]!.target}\\.$`,
      ),
    );
    expect(await readFile(planned[0]!.target, 'utf8')).toBe(planned[0]!.content);
    // no temporary file is left beside it
    expect(await readdir(join(root, 'etc/systemd/system'))).toEqual(['kube-apiserver.service']);
  });
});

describe('apply --root over a tree that is in the way', () => {
  it('exits 1 with one line, and writes nothing', async () => {
    await mkdir(join(root, 'etc/systemd/system/kube-scheduler.service'), { recursive: true });
    const answers = join(root, '..', `${root.split('/').pop()}.yaml`);
    await writeFile(
      answers,
      JSON.stringify({ ...SEED, kubernetesVersion: '1.24' }).replace(/"lib"/g, '"lib"'),
    );
    const { ctx, out, err } = captureContext('en');
    let code: number;
    try {
      code = await applyCommand(ctx, ['--answers', answers, '--root', root]);
    } catch (error) {
      code = exitStatusOf(ctx, error, 'usage') ?? -1;
    }
    await rm(answers);
    expect(code).toBe(1);
    expect(err).toContain(
      `Cannot write ${root}/etc/systemd/system/kube-scheduler.service: a directory is in its place. Nothing was written.`,
    );
    expect(out.join('\n')).not.toMatch(/^wrote /m);
    expect(await tree()).toEqual([
      'etc',
      'etc/systemd',
      'etc/systemd/system',
      'etc/systemd/system/kube-scheduler.service',
    ]);
    await expect(stat(join(root, 'etc/kubernetes'))).rejects.toThrow();
  });

  it('a file-system error that is not a write is one line too, exit 1', () => {
    const { ctx, err } = captureContext('zh');
    const error = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES' });
    expect(exitStatusOf(ctx, error, 'usage')).toBe(1);
    expect(err).toEqual(["已停止:EACCES: permission denied, open '/x'"]);
    expect(exitStatusOf(ctx, new TypeError('a bug'), 'usage')).toBeUndefined();
  });
});
