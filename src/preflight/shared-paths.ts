import type { Answers } from '../model/answers.js';

/** The certificate and key files of the answers other than the service-account keys. */
export function sharedPaths(a: Answers): Set<string> {
  const c = a.certs;
  return new Set([
    c.caFile,
    c.caKeyFile,
    c.apiserverCertFile,
    c.apiserverKeyFile,
    c.etcdCaFile,
    c.etcdCertFile,
    c.etcdKeyFile,
    c.controllerManagerCertFile,
    c.controllerManagerKeyFile,
    c.schedulerCertFile,
    c.schedulerKeyFile,
  ]);
}
