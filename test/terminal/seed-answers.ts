import type { Terminal } from './tmux.js';

/**
 * On the must-change screen, types the seed's answers as a person would (this master's
 * address for both addresses, the seed's port, the three etcd members), each seen accepted
 * before the next, and goes on to the stays-fixed screen.
 */
export async function typeSeedAnswers(t: Terminal): Promise<void> {
  await t.when('--advertise-address', 'C-u');
  t.type('192.168.50.101');
  await t.when(/--advertise-address +\[192\.168\.50\.101 +\] ✓/, 'Down', 'C-u');
  t.type('192.168.50.101');
  await t.when(/--bind-address +\[192\.168\.50\.101 +\] ✓/, 'Down');
  await t.when(/▸ --secure-port +\[6443/, 'Down');
  t.type('https://192.168.50.101:2379');
  await t.when(/1\. +\[https:\/\/192\.168\.50\.101:2379 +\] ✓/, 'Enter');
  await t.waitFor(/▸ +2\./);
  t.type('https://192.168.50.102:2379');
  await t.when(/2\. +\[https:\/\/192\.168\.50\.102:2379 +\] ✓/, 'Enter');
  await t.waitFor(/▸ +3\./);
  t.type('https://192.168.50.1:2379');
  await t.when(/3\. +\[https:\/\/192\.168\.50\.1:2379 +\] ✓/, 'Enter');
  await t.when(/▸?\s*Continue ▸/, 'Enter');
}
