// Two masters behind the VIP on real systemd, with the real kube binaries of the newest test
// release: real leader election and Leases (test/system/ha-failover-suite.ts).

import { failoverSuite } from '../system/ha-failover-suite.js';
import { testVersions } from '../system/harness/real-binaries.js';

failoverSuite(testVersions().at(-1)!, { real: true });
