/** Where the HA front's files go: fixed places of the Debian packages, and the admin kubeconfig's name. */
export const KEEPALIVED_CONF = '/etc/keepalived/keepalived.conf';
export const HAPROXY_CFG = '/etc/haproxy/haproxy.cfg';
/** The file of the admin kubeconfig that points at the VIP, in paths.configDir. */
export const ADMIN_KUBECONFIG = 'admin.kubeconfig';
