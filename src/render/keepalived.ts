import {
  CHECK_FALL,
  CHECK_INTERVAL_S,
  CHECK_RISE,
  HA_UNITS,
  type HaLayout,
  SYSTEMCTL,
} from '../model/ha-layout.js';

/**
 * /etc/keepalived/keepalived.conf for this master: one VRRP instance holding the VIP, unicast
 * to the other masters, a check of this master's own apiserver and of haproxy. Every value
 * in it was validated (addresses, an interface name, absolute paths without white space), so
 * nothing needs quoting beyond the check's command line.
 */
export function renderKeepalived(h: HaLayout, banner: string): string {
  const v6 = h.vip.includes(':');
  const lines = [
    `# ${banner}`,
    `# The VIP ${h.vip} of the masters ${[h.self, ...h.peers].join(', ')}: held by one master at a time,`,
    `# it leaves a master whose apiserver does not answer ${h.checkUrl} or whose haproxy is gone.`,
    'global_defs {',
    `    router_id kmw-${h.self.replace(/[.:]/g, '-')}`,
    '    script_user root',
    '    enable_script_security',
    '}',
    '',
    'vrrp_script kube_apiserver {',
    `    script "${h.check.join(' ')}"`,
    `    interval ${CHECK_INTERVAL_S}`,
    '    timeout 3',
    `    fall ${CHECK_FALL}`,
    `    rise ${CHECK_RISE}`,
    '}',
    '',
    // haproxy's unit, asked through systemd: keepalived's own process tracking needs the
    // kernel's process events, which a host in a PID namespace (a container) does not get
    'vrrp_script haproxy {',
    `    script "${SYSTEMCTL} is-active --quiet ${HA_UNITS.haproxy}"`,
    `    interval ${CHECK_INTERVAL_S}`,
    `    fall ${CHECK_FALL}`,
    `    rise ${CHECK_RISE}`,
    '}',
    '',
    'vrrp_instance kube_apiserver {',
    '    state BACKUP',
    `    interface ${h.interface}`,
    `    virtual_router_id ${h.virtualRouterId}`,
    `    priority ${h.priority}`,
    '    advert_int 1',
    ...(v6 ? ['    version 3'] : []),
    `    unicast_src_ip ${h.self}`,
    '    unicast_peer {',
    ...h.peers.map((p) => `        ${p}`),
    '    }',
    '    virtual_ipaddress {',
    `        ${h.vip}/${v6 ? 128 : 32} dev ${h.interface}`,
    '    }',
    '    track_script {',
    '        kube_apiserver',
    '        haproxy',
    '    }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
