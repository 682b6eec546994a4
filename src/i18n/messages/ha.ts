import { catalog } from '../catalog.js';

/** The HA front's step of the wizard, and the answers of another master (Ctrl-T). */
export default catalog(
  {
    'wizard.title.ha': 'Two masters behind a VIP (optional)',
    'wizard.ha.intro':
      'kube-apiserver keeps no state, so several run at once; keepalived holds a virtual address (the VIP) on one master and moves it when that master’s apiserver stops answering, and haproxy on every master forwards the VIP to every master’s apiserver.',
    'wizard.ha.lesson':
      'The controller-manager and the scheduler keep using this master’s own apiserver, never the VIP: a cloud layer-4 balancer does not let a master reach itself through it. An admin kubeconfig for the VIP is written beside them.',
    'wizard.ha.off':
      'Leave the VIP empty to set this master up alone. Every master runs this step with the same answers.',
    'wizard.ha.label.vip': 'VIP',
    'wizard.ha.label.masters': 'masters',
    'wizard.ha.label.port': 'haproxy port',
    'wizard.ha.label.interface': 'VRRP interface',
    'wizard.ha.label.virtualRouterId': 'router id',
    'wizard.ha.explain.vip':
      'a free address of the masters’ network; clients and kubectl use https://VIP:PORT',
    'wizard.ha.explain.masters':
      'every master’s advertise address, this one’s too; the first holds the VIP first (highest priority)',
    'wizard.ha.explain.port': 'where haproxy listens on the VIP (8443 by default; not the secure port)',
    'wizard.ha.explain.interface': 'empty: the interface that holds the advertise address',
    'wizard.ha.explain.virtualRouterId':
      'VRRP’s id, the same on every master and unique on the network (51 by default)',
    'wizard.ha.placeholder.master': 'e.g. {address}',
    'wizard.ha.placeholder.interface': '(the one holding {address})',
    'wizard.ha.addMaster': '+ add a master',
    'wizard.ha.pickInterface': "←→ this host's interfaces: {list}",
    'wizard.key.useHostAddress': "this host's address",
    'wizard.notice.notThisHost':
      'The answers name {given}, which is not an address of this host. Ctrl-T uses this host’s {address} instead.',
    'wizard.notice.usedHostAddress': 'This host’s address {address} is used now.',
  },
  {
    'wizard.title.ha': '两台 master 与 VIP(可选)',
    'wizard.ha.intro':
      'kube-apiserver为无状态服务,可以同时运行多个,通过keepalived或LB负载做高可用。keepalived 把虚拟地址(VIP)放在一台 master 上,该 master 的 apiserver 不再应答时把它移走;每台 master 上的 haproxy 把 VIP 转发到所有 master 的 apiserver。',
    'wizard.ha.lesson':
      'controller-manager 和 scheduler 仍连接本机自己的 apiserver,而不经过 VIP:云上的 4 层负载不支持节点访问自身。另外会写一个指向 VIP 的 admin kubeconfig。',
    'wizard.ha.off': 'VIP 留空则只配置这一台 master。每台 master 都用相同的应答走这一步。',
    'wizard.ha.label.vip': 'VIP',
    'wizard.ha.label.masters': 'master',
    'wizard.ha.label.port': 'haproxy 端口',
    'wizard.ha.label.interface': 'VRRP 网卡',
    'wizard.ha.label.virtualRouterId': 'router id',
    'wizard.ha.explain.vip': 'master 所在网段中的空闲地址;客户端和 kubectl 使用 https://VIP:端口',
    'wizard.ha.explain.masters': '所有 master 的 advertise 地址,包括本机;第一台最先持有 VIP(优先级最高)',
    'wizard.ha.explain.port': 'haproxy 在 VIP 上监听的端口(默认 8443;不能是安全端口)',
    'wizard.ha.explain.interface': '留空:持有 advertise 地址的那块网卡',
    'wizard.ha.explain.virtualRouterId': 'VRRP 的 id,每台 master 相同,且在网络中唯一(默认 51)',
    'wizard.ha.placeholder.master': '例如 {address}',
    'wizard.ha.placeholder.interface': '(持有 {address} 的网卡)',
    'wizard.ha.addMaster': '+ 添加一台 master',
    'wizard.ha.pickInterface': '←→ 本机网卡:{list}',
    'wizard.key.useHostAddress': '本机地址',
    'wizard.notice.notThisHost': '应答中的 {given} 不是本机地址。按 Ctrl-T 改用本机的 {address}。',
    'wizard.notice.usedHostAddress': '已改用本机地址 {address}。',
  },
);
