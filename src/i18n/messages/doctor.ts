import { catalog } from '../catalog.js';

/** `kmaster-wizard doctor`: what is wrong with the master on this host, and how to fix it. */
export default catalog(
  {
    'doctor.title': 'kmaster-wizard doctor read {count} files of the master on this host:',
    'doctor.title_one': 'kmaster-wizard doctor read {count} file of the master on this host:',
    'doctor.component': '  {component}: {binary} {version}, unit {state}; {files}',
    'doctor.versionUnknown': 'version unknown ({error})',
    'doctor.found': 'Found {errors} and {warnings}:',
    'doctor.errors': '{count} errors',
    'doctor.errors_one': '{count} error',
    'doctor.warnings': '{count} warnings',
    'doctor.warnings_one': '{count} warning',
    'doctor.none': 'kmaster-wizard doctor read {count} files of the master on this host: nothing is wrong.',
    'doctor.none_one':
      'kmaster-wizard doctor read {count} file of the master on this host: nothing is wrong.',
    'doctor.noStatus': 'No status table: the files do not say where the components listen.',
    'doctor.nothing':
      'doctor: no unit or EnvironmentFile of kube-apiserver, kube-controller-manager or kube-scheduler on this host: nothing to diagnose.',
    'doctor.label.evidence': 'evidence:',
    'doctor.label.cause': 'cause:',
    'doctor.label.fix': 'fix:',
    'doctor.evidence.line': '{file}:{line}: {text}',
    'doctor.evidence.file': '{file}',
    'doctor.evidence.journal': 'journalctl -u {unit}: {text}',

    'doctor.flag.removed':
      '{component} {version} does not start with {flag}: it was removed in Kubernetes {removed}.',
    'doctor.flag.later':
      '{component} {version} does not know {flag} yet: it exists from Kubernetes {from} on.',
    'doctor.flag.unknown': '{component} {version} does not know {flag}: no release of {component} has it.',
    'doctor.flag.notTaken':
      '{component} {version} does not know {flag}: its --help does not list it and it refuses it as an unknown flag.',
    'doctor.flag.noEffect': '{component} {version} accepts {flag} but ignores it since Kubernetes {since}.',
    'doctor.flag.noEffectUntil':
      '{component} {version} accepts {flag} but ignores it since Kubernetes {since}; from {removed} on it does not start with it.',
    'doctor.flag.required':
      '{component} {version} does not start without {flag}, and the files do not set it.',
    'doctor.flag.cause.upgraded':
      'The binary ({version}) is newer than the files, which were written for an older release: a kube binary exits at once on a flag it does not know (or a required one it misses), and systemd starts it again and again.',
    'doctor.flag.cause.older':
      'The files were written for a newer release than the binary ({version}): it exits at once on a flag it does not know.',
    'doctor.flag.cause.unknown': 'A kube binary exits at once on a flag it does not know.',
    'doctor.fix.removeFlag': 'Remove {flag} from {file} (line {line}).',
    'doctor.fix.replaceFlag': 'Replace {flag} in {file} (line {line}) by {replacement}.',
    'doctor.fix.rewrite':
      "Or fix every flag at once: run kmaster-wizard, choose “Adopt this host's files” and write them for Kubernetes {version}, the binaries' version: what {version} removed is left out, what it requires is added, each replaced file keeps a backup.",
    'doctor.fix.rewriteFiles':
      "Run kmaster-wizard, choose “Adopt this host's files” and write them for Kubernetes {version}, the binaries' version: what {version} removed is left out, what it requires is added, each replaced file keeps a backup.",
    'doctor.fix.seeFlags':
      'The flag findings say which flags: write the files for Kubernetes {version}, the version of the binary.',

    'doctor.insecure.what':
      '{component} talks to {url}, the insecure port, which kube-apiserver {version} no longer serves.',
    'doctor.insecure.cause':
      'From Kubernetes {from} on the apiserver serves no insecure port: the component reaches no apiserver at all, and from 1.20 on it needs a kubeconfig with a client certificate.',
    'doctor.fix.issueCerts':
      'The kubeconfigs need client certificates for kube-controller-manager and kube-scheduler: save the adopted answers as a profile in the wizard, then kmaster-wizard preflight --profile NAME --issue-certs issues them with the cluster CA.',
    'doctor.own.balancer': '{component} reaches the apiserver through the load balancer ({url}).',
    'doctor.own.remote': '{component} reaches an apiserver that is not on this master ({url}).',
    'doctor.own.cause':
      "The guide's load-balancer lesson: a layer-4 load balancer cannot send a backend's own connection back to it, so components that go through it fail now and then; and one that talks to another master's apiserver goes down with that master. kube-controller-manager and kube-scheduler talk to their own master's apiserver.",
    'doctor.fix.own':
      "Point {component} at this master's own apiserver, {url} (kmaster-wizard writes it so).",
    'doctor.braced.what':
      '{file} passes {word} to the binary as one single argument: its {count} words arrive as one, starting with {first}.',
    'doctor.braced.cause':
      'In ExecStart systemd splits {plain} at white space into separate arguments, but puts {word} in as one word: the binary then reads every flag of the variable as the value of the first one.',
    'doctor.fix.braced': 'Write {plain} instead of {word} in {file} (line {line}).',
    'doctor.fix.reloadRestart': 'Then: systemctl daemon-reload && systemctl restart {unit}',
    'doctor.cidr.what':
      'The service CIDR differs: kube-apiserver has --service-cluster-ip-range={apiserver}, kube-controller-manager has {cm}.',
    'doctor.cidr.cause':
      "The apiserver hands out Service IPs from its range and the controller-manager works with its own: they disagree about every Service, and the apiserver certificate's first service IP belongs to one range only.",
    'doctor.fix.cidr':
      'Set --service-cluster-ip-range={range} in {file} (line {line}), as the apiserver has it.',

    'doctor.fix.files.once': 'Keep one {flag} in {file}.',
    'doctor.fix.files.stray':
      'Remove “{value}” from {file}: the command line of {component} takes flags only.',
    'doctor.fix.files.binary': 'Check ExecStart= in {file}: it runs {binary}, not {component}.',
    'doctor.fix.files.execStart':
      "Add an ExecStart= line to {file}, or let kmaster-wizard write the unit (choose “Adopt this host's files”).",
    'doctor.fix.files.envFile':
      'Create {path}, or write EnvironmentFile=-{path} in {file} if it may be absent.',
    'doctor.fix.files.readable': 'Run doctor as root, or make the file readable to root.',
    'doctor.given.leftOut':
      'The answers given on the command line do not fit the files on this master, so their load balancer and HA front are left out of the checks.',
    'doctor.fix.given':
      'Give the answers of this master (its advertise address as in the files), or leave them out to check the files alone.',
    'doctor.files.noAnswers':
      'The files do not say the advertise address, the bind address, the secure port or the etcd servers in a form that can be read: certificates, etcd and the status table are not checked.',
    'doctor.fix.files.noAnswers':
      "Run kmaster-wizard and choose “Adopt this host's files”: it lists each value it cannot read, with what it expects.",

    'doctor.unit.notLoaded': 'systemd does not know {unit}, although {file} exists.',
    'doctor.unit.noUnit': 'There is no unit for {component} ({unit}).',
    'doctor.unit.badLoad': 'systemd cannot load {unit} ({load}).',
    'doctor.unit.failed': '{unit} has failed ({result}).',
    'doctor.unit.failedAfter': '{unit} has failed ({result}) after {restarts} restarts.',
    'doctor.unit.restarting':
      '{unit} keeps failing: systemd starts it again and again ({restarts} restarts so far).',
    'doctor.unit.inactive': '{unit} is not running ({active}, {sub}).',
    'doctor.unit.changing': '{unit} is {active} ({sub}).',
    'doctor.unit.unhealthy': '{unit} runs, but its health check fails: {message}',
    'doctor.unit.notEnabled': '{unit} runs, but does not start at boot (it is {enabled}).',
    'doctor.fix.daemonReload': 'systemctl daemon-reload && systemctl enable --now {unit}',
    'doctor.fix.noUnit':
      "Run kmaster-wizard and choose “Adopt this host's files”: it writes /etc/systemd/system/{unit}.",
    'doctor.fix.verify':
      'systemd-analyze verify {file} says what systemd cannot read; fix it, then systemctl daemon-reload.',
    'doctor.fix.journal': 'Read journalctl -u {unit} -n 100, from the first E or F line on.',
    'doctor.fix.restart': 'Then: systemctl reset-failed {unit} && systemctl restart {unit}',
    'doctor.fix.start': 'systemctl enable --now {unit}',
    'doctor.fix.enable': 'systemctl enable {unit}',
    'doctor.etcd.unhealthy': 'etcd member {name} is not healthy: {message}',
    'doctor.fix.etcd': 'On the member {url}: systemctl status etcd and journalctl -u etcd say why.',
  },
  {
    'doctor.title': 'kmaster-wizard doctor 读取了本机 master 的 {count} 个文件:',
    'doctor.component': '  {component}:{binary} {version},服务 {state};{files}',
    'doctor.versionUnknown': '版本未知({error})',
    'doctor.found': '发现 {errors}和 {warnings}:',
    'doctor.errors': '{count} 个错误',
    'doctor.warnings': '{count} 个警告',
    'doctor.none': 'kmaster-wizard doctor 读取了本机 master 的 {count} 个文件:没有发现问题。',
    'doctor.noStatus': '没有状态表:文件中没有说明各组件监听在哪里。',
    'doctor.nothing':
      'doctor:本机没有 kube-apiserver、kube-controller-manager 或 kube-scheduler 的服务文件或 EnvironmentFile,无可诊断。',
    'doctor.label.evidence': '依据:',
    'doctor.label.cause': '原因:',
    'doctor.label.fix': '修复:',
    'doctor.evidence.line': '{file}:{line}:{text}',
    'doctor.evidence.file': '{file}',
    'doctor.evidence.journal': 'journalctl -u {unit}:{text}',

    'doctor.flag.removed':
      '{component} {version} 带着 {flag} 无法启动:该参数已在 Kubernetes {removed} 移除。',
    'doctor.flag.later': '{component} {version} 还不认识 {flag}:该参数从 Kubernetes {from} 起才有。',
    'doctor.flag.unknown': '{component} {version} 不认识 {flag}:{component} 的任何版本都没有这个参数。',
    'doctor.flag.notTaken':
      '{component} {version} 不认识 {flag}:它的 --help 没有列出该参数,试解析时也作为未知参数拒绝。',
    'doctor.flag.noEffect': '{component} {version} 接受 {flag},但自 Kubernetes {since} 起忽略它。',
    'doctor.flag.noEffectUntil':
      '{component} {version} 接受 {flag},但自 Kubernetes {since} 起忽略它;从 {removed} 起带着它无法启动。',
    'doctor.flag.required': '{component} {version} 缺少 {flag} 无法启动,而文件中没有设置它。',
    'doctor.flag.cause.upgraded':
      '二进制文件({version})比配置文件新,这些文件是为更早的版本写的:kube 二进制遇到不认识的参数(或缺少必需的参数)会立即退出,systemd 就一次又一次地重启它。',
    'doctor.flag.cause.older':
      '这些文件是为比二进制文件({version})更新的版本写的:遇到不认识的参数它会立即退出。',
    'doctor.flag.cause.unknown': 'kube 二进制遇到不认识的参数会立即退出。',
    'doctor.fix.removeFlag': '从 {file}(第 {line} 行)中删除 {flag}。',
    'doctor.fix.replaceFlag': '把 {file}(第 {line} 行)中的 {flag} 换成 {replacement}。',
    'doctor.fix.rewrite':
      '或者一次修好所有参数:运行 kmaster-wizard,选择“沿用本机已有的文件”,按二进制的版本 Kubernetes {version} 重新写出:{version} 移除的参数会去掉,它要求的参数会加上,每个被替换的文件都会保留备份。',
    'doctor.fix.rewriteFiles':
      '运行 kmaster-wizard,选择“沿用本机已有的文件”,按二进制的版本 Kubernetes {version} 重新写出:{version} 移除的参数会去掉,它要求的参数会加上,每个被替换的文件都会保留备份。',
    'doctor.fix.seeFlags':
      '参数相关的问题列出了是哪些参数:按二进制的版本 Kubernetes {version} 重新写出这些文件。',

    'doctor.insecure.what':
      '{component} 连接的是 {url},即非安全端口,而 kube-apiserver {version} 已不再提供它。',
    'doctor.insecure.cause':
      '从 Kubernetes {from} 起 apiserver 不再提供非安全端口:该组件连不上任何 apiserver;从 1.20 起它需要带客户端证书的 kubeconfig。',
    'doctor.fix.issueCerts':
      'kubeconfig 需要 kube-controller-manager 和 kube-scheduler 的客户端证书:在向导中把沿用得到的应答保存为配置档,然后用 kmaster-wizard preflight --profile 名称 --issue-certs 以集群 CA 签发。',
    'doctor.own.balancer': '{component} 经由负载均衡({url})访问 apiserver。',
    'doctor.own.remote': '{component} 访问的 apiserver 不在本 master 上({url})。',
    'doctor.own.cause':
      '文档中关于负载均衡的教训:四层负载均衡无法把后端自己发出的连接再转回给它,所以经由它访问的组件会时不时失败;而访问别的 master 的 apiserver 的组件会随那台 master 一起失效。kube-controller-manager 和 kube-scheduler 应访问本 master 自己的 apiserver。',
    'doctor.fix.own': '让 {component} 指向本 master 自己的 apiserver:{url}(kmaster-wizard 就是这样写的)。',
    'doctor.braced.what':
      '{file} 把 {word} 作为一个参数传给二进制:它的 {count} 个词合成了一个,开头是 {first}。',
    'doctor.braced.cause':
      '在 ExecStart 中,systemd 会把 {plain} 按空白拆成多个参数,而 {word} 只作为一个词放进去:二进制于是把变量中所有参数都当成第一个参数的值。',
    'doctor.fix.braced': '在 {file}(第 {line} 行)中把 {word} 写成 {plain}。',
    'doctor.fix.reloadRestart': '然后:systemctl daemon-reload && systemctl restart {unit}',
    'doctor.cidr.what':
      'service CIDR 不一致:kube-apiserver 的 --service-cluster-ip-range={apiserver},而 kube-controller-manager 的是 {cm}。',
    'doctor.cidr.cause':
      'apiserver 从它的网段分配 Service IP,controller-manager 按它自己的网段工作:两者对每个 Service 的看法都不一致,而 apiserver 证书中的第一个 service IP 只属于其中一个网段。',
    'doctor.fix.cidr': '在 {file}(第 {line} 行)中设置 --service-cluster-ip-range={range},与 apiserver 一致。',

    'doctor.fix.files.once': '在 {file} 中只保留一个 {flag}。',
    'doctor.fix.files.stray': '从 {file} 中删除“{value}”:{component} 的命令行只接受参数。',
    'doctor.fix.files.binary': '检查 {file} 中的 ExecStart=:它运行的是 {binary},而不是 {component}。',
    'doctor.fix.files.execStart':
      '在 {file} 中加上 ExecStart= 行,或让 kmaster-wizard 写出服务文件(选择“沿用本机已有的文件”)。',
    'doctor.fix.files.envFile': '创建 {path};如果它可以不存在,在 {file} 中写成 EnvironmentFile=-{path}。',
    'doctor.fix.files.readable': '以 root 运行 doctor,或让 root 能读取该文件。',
    'doctor.given.leftOut':
      '命令行给出的应答与本 master 上的文件不符,所以其中的负载均衡和 HA 前端没有参与检查。',
    'doctor.fix.given': '给出本 master 的应答(通告地址与文件中一致),或不给应答,只检查文件。',
    'doctor.files.noAnswers':
      '文件中的通告地址、监听地址、安全端口或 etcd 服务器无法读出:证书、etcd 和状态表都没有检查。',
    'doctor.fix.files.noAnswers':
      '运行 kmaster-wizard 并选择“沿用本机已有的文件”:它会列出每个读不懂的值以及期望的形式。',

    'doctor.unit.notLoaded': 'systemd 不认识 {unit},尽管 {file} 存在。',
    'doctor.unit.noUnit': '{component} 没有服务文件({unit})。',
    'doctor.unit.badLoad': 'systemd 无法加载 {unit}({load})。',
    'doctor.unit.failed': '{unit} 已失败({result})。',
    'doctor.unit.failedAfter': '{unit} 在重启 {restarts} 次后失败({result})。',
    'doctor.unit.restarting': '{unit} 不断失败:systemd 一次又一次地重启它(已重启 {restarts} 次)。',
    'doctor.unit.inactive': '{unit} 没有运行({active},{sub})。',
    'doctor.unit.changing': '{unit} 处于 {active}({sub})。',
    'doctor.unit.unhealthy': '{unit} 在运行,但健康检查失败:{message}',
    'doctor.unit.notEnabled': '{unit} 在运行,但不会开机启动(它是 {enabled})。',
    'doctor.fix.daemonReload': 'systemctl daemon-reload && systemctl enable --now {unit}',
    'doctor.fix.noUnit':
      '运行 kmaster-wizard 并选择“沿用本机已有的文件”:它会写出 /etc/systemd/system/{unit}。',
    'doctor.fix.verify':
      'systemd-analyze verify {file} 会说明 systemd 读不懂什么;改好后执行 systemctl daemon-reload。',
    'doctor.fix.journal': '阅读 journalctl -u {unit} -n 100,从第一行 E 或 F 开始看。',
    'doctor.fix.restart': '然后:systemctl reset-failed {unit} && systemctl restart {unit}',
    'doctor.fix.start': 'systemctl enable --now {unit}',
    'doctor.fix.enable': 'systemctl enable {unit}',
    'doctor.etcd.unhealthy': 'etcd 成员 {name} 不健康:{message}',
    'doctor.fix.etcd': '在成员 {url} 上:systemctl status etcd 和 journalctl -u etcd 会说明原因。',
  },
);
