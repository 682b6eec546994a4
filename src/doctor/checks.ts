import type { Answers } from '../model/answers.js';
import type { CheckHost } from '../preflight/host.js';
import { makeCheckContext, preflightChecks, runChecks } from '../preflight/run.js';
import type { CheckResult, PreflightReport } from '../preflight/types.js';
import type { Finding } from './types.js';

/**
 * The preflight checks that judge a master as it runs: who may read the files, systemd, the
 * binaries, the addresses, every certificate and key (missing, expired or expiring, SANs, key
 * match, CA, permissions), the kubeconfigs, each etcd member over mutual TLS, and with an HA
 * front its programs, interface and VIP. Not the ones that only matter before a first start
 * (ports, which the running units hold; the clock; swap), nor those that judge the files
 * kmaster-wizard would write (the flags it would emit, haproxy's and keepalived's verdict on
 * rendered files, the admin certificate of its kubeconfig for the VIP).
 */
const DOCTOR_CHECKS =
  /^(IsPrivilegedUser|Systemd|FileExisting-|HostAddress-|EtcdMember-|Cert-|Key-|File-token-auth|Kubeconfig-|HA-interface|HA-vip)/;
const WIZARD_ONLY = /^Cert-admin-/;

export function runDoctorChecks(answers: Answers, minor: number, host: CheckHost): Promise<PreflightReport> {
  const input = { answers, minor };
  const checks = preflightChecks(input).filter(
    (c) => DOCTOR_CHECKS.test(c.name) && !WIZARD_ONLY.test(c.name),
  );
  return runChecks(checks, makeCheckContext(input, host));
}

export function checkFinding(c: CheckResult): Finding {
  return {
    kind: 'check',
    severity: c.severity,
    subject: c.name,
    what: c.message,
    evidence: [],
    fix: c.fix ? [c.fix] : [],
  };
}

/** The failed checks as findings, in the report's order. */
export function checkFindings(report: PreflightReport): Finding[] {
  return report.checks.filter((c) => c.status === 'fail').map(checkFinding);
}
