// Two masters behind the VIP on real systemd, with the stand-in kube binaries (ha-failover-suite.ts).
import { failoverSuite } from './ha-failover-suite.js';

failoverSuite('1.24.17', { real: false });
