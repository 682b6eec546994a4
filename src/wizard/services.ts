import type { ApplyController } from '../apply/controller.js';
import type { Translate } from '../i18n/index.js';
import type { Answers, AnswersInput } from '../model/answers.js';
import { minorFor } from '../model/minor.js';
import type { SetValue } from '../model/set-values.js';
import { parseMinor } from '../model/version.js';
import { type Draft, draftFrom } from './draft.js';
import type { ApplyOutcome, BegunPayload, Event, Kit, Notice, Request, WorkMode } from './types.js';

/**
 * The work behind the machine's requests: reading a profile or this host's files, planning
 * the files against the disk, writing them, handing over to the apply pipeline, saving a
 * profile. Each request ends in events for the machine. This is the only part of the wizard
 * that reaches the host (through src/host, src/apply, src/adopt and src/profiles).
 */
export interface Services {
  run(req: Request): Promise<Event[]>;
}

export interface Session {
  t: Translate;
  configDir: string | undefined;
  /** where files are read and written: '/' on a master, else --root DIR or the scratch directory */
  root: string;
  mode: WorkMode;
  /** this host's first reachable address: the default advertise and bind address */
  address?: string;
  /** the version a new setup starts with (the binary's, else the seed's) */
  version: string;
  /** --set KEY=VALUE: applied to whatever answers the wizard starts from */
  sets?: readonly SetValue[];
  /** tells the machine how the pipeline run ended (the run goes on after the request returns) */
  send: (e: Event) => void;
}

let loadedKit: Kit | null = null;

/** The checks and the version table, loaded once (they are not part of the first screen). */
export async function loadKit(): Promise<Kit> {
  loadedKit ??= (await import('./kit.js')).kit;
  return loadedKit;
}

const failed = (id: number, notice: Notice): Event[] => [{ type: 'FAILED', id, notice }];

function errorNotice(error: unknown, t: Translate): Notice {
  const e = error as { text?: (t: Translate) => string; message?: string };
  const text = typeof e.text === 'function' ? e.text(t) : (e.message ?? String(error));
  return { tone: 'error', key: 'wizard.error', params: { error: text } };
}

/** The answers with the --set values on top; a set that cannot apply to them is a notice. */
async function withSets(s: Session, raw: unknown): Promise<unknown> {
  if (!s.sets || s.sets.length === 0) return raw;
  const { applySets } = await import('../model/set-values.js');
  const r = applySets(raw, s.sets);
  if (r.ok) return r.raw;
  const { key, at } = r.problem;
  throw Object.assign(new Error(`--set ${key}`), { text: (t: Translate) => t('cli.set.path', { key, at }) });
}

async function begin(s: Session, req: Extract<Request, { kind: 'begin' }>): Promise<Event[]> {
  const kit = await loadKit();
  const defaults = { version: s.version, ...(s.address ? { address: s.address } : {}) };
  let payload: BegunPayload;
  if (req.choice === 'profile' && req.profile) {
    const { openProfileStore } = await import('../profiles/store.js');
    const raw = openProfileStore(s.configDir).get(req.profile);
    if (raw === undefined)
      return failed(req.id, { tone: 'error', key: 'profiles.notFound', params: { name: req.profile } });
    payload = {
      draft: draftFrom(await withSets(s, raw), defaults),
      origin: { kind: 'profile', name: req.profile },
    };
  } else if (req.choice === 'adopt') {
    const { adoptFromDisk } = await import('../adopt/index.js');
    const result = await adoptFromDisk(s.root);
    if (result.answers === null)
      return failed(req.id, { tone: 'error', key: 'wizard.adopt.nothing', params: { root: s.root } });
    const version = result.version && parseMinor(result.version) !== null ? result.version : s.version;
    const draft: Draft = draftFrom(
      await withSets(s, { ...result.answers, kubernetesVersion: version }),
      defaults,
    );
    payload = {
      draft,
      origin: {
        kind: 'adopt',
        files: result.files,
        unknownFlags: result.unknownFlags.map((u) => ({ component: u.component, flag: u.flag })),
        problems: result.problems,
        ...(result.version ? { version: result.version } : {}),
      },
      notice:
        result.problems.length > 0
          ? {
              tone: 'warn',
              key: 'wizard.adopt.problems',
              params: { files: result.files.length, count: result.problems.length },
            }
          : result.unknownFlags.length > 0
            ? {
                tone: 'info',
                key: 'wizard.adopt.readOwn',
                params: { files: result.files.length, count: result.unknownFlags.length },
              }
            : { tone: 'info', key: 'wizard.adopt.read', params: { count: result.files.length } },
    };
  } else {
    payload = { draft: draftFrom(await withSets(s, {}), defaults), origin: { kind: 'new' } };
  }
  return [
    { type: 'KIT', kit },
    { type: 'BEGUN', id: req.id, payload },
  ];
}

/** The VRRP interface: the answers' own, else the one of this host holding the advertise address. */
async function haInterface(answers: Answers): Promise<string | null> {
  if (!answers.ha || answers.ha.interface) return null;
  const { addressFacts } = await import('../host/network.js');
  const { vrrpInterface } = await import('../model/host-fit.js');
  const found = vrrpInterface(addressFacts(), answers.advertiseAddress, answers.ha.masters);
  if (!found) throw new Error(`ha.interface: no interface of this host holds ${answers.advertiseAddress}`);
  return found;
}

/** The files for these answers next to what is on disk now. */
async function plan(s: Session, input: Record<string, unknown>) {
  const { parseAnswers } = await import('../model/parse-answers.js');
  const { renderFiles } = await import('../render/files.js');
  const { planFiles, plannedCommands } = await import('../apply/plan.js');
  const parsed = parseAnswers(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.field).join(', '));
  const answers = parsed.answers;
  const minor = minorFor(answers.kubernetesVersion);
  const { files, layout } = renderFiles(answers, minor, { haInterface: await haInterface(answers) });
  const planned = await planFiles(files, s.root);
  return { answers, minor, planned, commands: plannedCommands(planned), dropped: layout.dropped };
}

/** The pipeline's controller, telling the machine each time a run ends. */
function reporting(controller: ApplyController, send: Session['send']): ApplyController {
  return {
    ...controller,
    getSnapshot: () => controller.getSnapshot(),
    subscribe: (l) => controller.subscribe(l),
    async start() {
      try {
        const result = await controller.start();
        send({ type: 'APPLY_FINISHED', outcome: result.outcome satisfies ApplyOutcome });
        return result;
      } catch (error) {
        send({ type: 'APPLY_FINISHED', outcome: 'failed' });
        throw error;
      }
    },
  };
}

export function createServices(session: () => Session): Services {
  return {
    async run(req) {
      const s = session();
      try {
        switch (req.kind) {
          case 'begin':
            return await begin(s, req);
          case 'plan': {
            const p = await plan(s, req.input);
            const { reviewDoc } = await import('./review.js');
            return [{ type: 'PLANNED', id: req.id, review: reviewDoc(p.planned, p.commands, p.dropped) }];
          }
          case 'write': {
            const p = await plan(s, req.input);
            const { writePlanned } = await import('../apply/plan.js');
            const written = await writePlanned(p.planned, new Date());
            const result = { written, commands: p.commands, root: s.root };
            return [{ type: 'WRITTEN', id: req.id, result }];
          }
          case 'apply': {
            const p = await plan(s, req.input);
            const { hostApplyController } = await import('../apply/controller.js');
            const controller = hostApplyController({
              answers: p.answers,
              minor: p.minor,
              planned: p.planned,
              t: s.t,
            });
            return [{ type: 'APPLY_READY', id: req.id, controller: reporting(controller, s.send) }];
          }
          case 'save': {
            const { openProfileStore } = await import('../profiles/store.js');
            openProfileStore(s.configDir).save(req.name, req.input as AnswersInput);
            return [{ type: 'SAVED', id: req.id, name: req.name }];
          }
          case 'preflight': {
            const p = await plan(s, req.input);
            const { runPreflight } = await import('../preflight/run.js');
            const { realPreflightHost } = await import('../preflight/host.js');
            const report = await runPreflight({ answers: p.answers, minor: p.minor }, realPreflightHost(), {
              ignore: [],
              root: s.root,
            });
            return [{ type: 'PREFLIGHTED', id: req.id, report }];
          }
        }
      } catch (error) {
        return failed(req.id, errorNotice(error, s.t));
      }
    },
  };
}
