import { describe, expect, it } from 'vitest';
import { type PlannedFile, plannedCommands, type UnitFacts, unitSteps } from '../../src/apply/plan.js';
import type { Component } from '../../src/model/components.js';
import { renderFiles } from '../../src/render/files.js';
import { seedAnswers } from './helpers/seed-answers.js';

const files = renderFiles(seedAnswers('1.13'), 13).files;

/** The seed's files, every one `action` unless `changes` names it (path → action). */
function plan(action: PlannedFile['action'], changes: Record<string, PlannedFile['action']> = {}) {
  return files.map((f) => ({ ...f, target: f.path, current: null, action: changes[f.path] ?? action }));
}

const all = (facts: UnitFacts): Record<Component, UnitFacts> => ({
  'kube-apiserver': facts,
  'kube-controller-manager': facts,
  'kube-scheduler': facts,
});
const running = all({ active: true, enabled: true });
const text = (p: PlannedFile[], facts = {}) => plannedCommands(p, facts).map((c) => c.join(' '));

describe('the systemctl steps of a plan', () => {
  it('a new install: one daemon-reload, one enable for the three, each started (nothing to restart)', () => {
    expect(text(plan('create'))).toEqual([
      'systemctl daemon-reload',
      'systemctl enable --no-reload kube-apiserver.service kube-controller-manager.service kube-scheduler.service',
      'systemctl start kube-apiserver.service',
      'systemctl start kube-controller-manager.service',
      'systemctl start kube-scheduler.service',
    ]);
  });

  it('a one-line change to the apiserver of a running master: only its restart', () => {
    const p = plan('unchanged', { '/etc/kubernetes/apiserver': 'update' });
    expect(text(p, running)).toEqual(['systemctl restart kube-apiserver.service']);
    expect(unitSteps(p, running)).toEqual({
      reload: false,
      enable: [],
      start: { 'kube-apiserver': 'restart', 'kube-controller-manager': null, 'kube-scheduler': null },
    });
  });

  it('a changed unit file is read again by systemd before its unit restarts', () => {
    const p = plan('unchanged', { '/etc/systemd/system/kube-scheduler.service': 'update' });
    expect(text(p, running)).toEqual(['systemctl daemon-reload', 'systemctl restart kube-scheduler.service']);
  });

  it('a file whose mode alone changes restarts its unit, with no daemon-reload for an EnvironmentFile', () => {
    const p = plan('unchanged', { '/etc/kubernetes/controller-manager': 'mode' });
    expect(text(p, running)).toEqual(['systemctl restart kube-controller-manager.service']);
  });

  it('units already enabled are not enabled again; a stopped one is started, a disabled one enabled', () => {
    const facts = {
      ...running,
      'kube-controller-manager': { active: false, enabled: true },
      'kube-scheduler': { active: false, enabled: false },
    };
    expect(text(plan('unchanged'), facts)).toEqual([
      'systemctl enable --no-reload kube-scheduler.service',
      'systemctl start kube-controller-manager.service',
      'systemctl start kube-scheduler.service',
    ]);
  });

  it('nothing changed on a running master: no step at all', () => {
    expect(text(plan('unchanged'), running)).toEqual([]);
  });

  it('with no states to read, a unit file the plan creates is a new unit and any other one runs', () => {
    const p = plan('unchanged', {
      '/etc/systemd/system/kube-scheduler.service': 'create',
      '/etc/kubernetes/scheduler': 'create',
      '/etc/kubernetes/apiserver': 'update',
    });
    expect(text(p)).toEqual([
      'systemctl daemon-reload',
      'systemctl enable --no-reload kube-scheduler.service',
      'systemctl restart kube-apiserver.service',
      'systemctl start kube-scheduler.service',
    ]);
  });
});
