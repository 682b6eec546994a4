import { catalog } from '../catalog.js';

/** The command line: usage, the apply command's plain output. */
export default catalog(
  {
    'cli.usage': `Usage:
  kmaster-wizard [--profile NAME] [--root DIR] [--set KEY=VALUE ...]   interactive wizard (needs a terminal)
  kmaster-wizard apply (--answers FILE | --profile NAME) [--set KEY=VALUE ...] [--yes] [--dry-run] [--root DIR]
                       [--ignore-preflight-errors=NAME,...|all]
  kmaster-wizard status [--answers FILE | --profile NAME] [--set KEY=VALUE ...]
                        [-o wide|json] [--json]
  kmaster-wizard preflight (--answers FILE | --profile NAME) [--set KEY=VALUE ...] [--json] [--root DIR]
                           [--issue-certs] [--ignore-preflight-errors=NAME,...|all]
  kmaster-wizard doctor [--json] [--answers FILE | --profile NAME] [--set KEY=VALUE ...]
                                                    what is wrong with the master on this host, and the fix
  kmaster-wizard profiles list | show NAME | export NAME [FILE] | import FILE [--name NAME] | delete NAME

Global options:
  --lang en|zh        language (default: from LC_ALL / LANG)
  --config-dir DIR    where profiles are kept (env KMW_CONFIG_DIR)
  --help, --version
  --set KEY=VALUE     one answer on top of the file or profile (repeatable; dotted keys such as
                      ha.vip or etcdServers.0; checked like the file). A whole number, true/false
                      and [a, b] are a number, a boolean and a list; an empty value removes the key.

apply:
  --root DIR          write every file under DIR instead of / and run no systemctl step
  --dry-run           write nothing, run nothing: show each file as a diff against the disk, and the commands
  --yes               do not ask before writing and starting the units
  --ignore-preflight-errors=NAME,...|all
                      go on past these failed preflight checks (apply stops on any other error)

status:
  (default)           NAME, UNIT, HEALTH, MESSAGE, fitted to the terminal (the message wraps)
  -o wide             also the endpoint probed and the latency; nothing wraps
  -o json, --json     the report as JSON

preflight:
  --issue-certs       issue the missing client certificates and service-account keys (1.20+) with the cluster CA

doctor:
  reads the units, EnvironmentFiles, binaries, journals, certificates and etcd members; writes nothing.
  --answers/--profile/--set only add what the files cannot say (loadBalancer). Exit 0 nothing wrong, 1 something is.

Exit status: 0 success, 1 the work failed, 2 bad usage or invalid answers (nothing written).`,
    'cli.unknownCommand': 'Unknown command "{command}".',
    'cli.badOption': '{error}',
    'cli.needAnswers': 'apply needs --answers FILE or --profile NAME.',
    'cli.bothSources': 'Give either --answers or --profile, not both.',
    'cli.notThisHost':
      'The answers name an address this host does not have (the answers of another master?); nothing was written:',
    'cli.notThisHost.row':
      '  {field} {address} is not an address of this host: give --set {field}={suggestion}',
    'cli.notThisHost.rowNoSuggestion':
      "  {field} {address} is not an address of this host: give --set {field}=ADDRESS, one of this host's",
    'cli.notThisHost.list': "This host's addresses: {list}.",
    'cli.notThisHost.nat':
      'If {address} is right after all (an address NATed to this host): --ignore-preflight-errors={check}',
    'cli.badLang': '--lang takes en or zh, not "{value}".',
    'cli.set.syntax': '--set {given}: expected KEY=VALUE, like --set advertiseAddress=192.168.50.102',
    'cli.set.key':
      '--set {given}: "{key}" is not a key; expected names separated by dots, like ha.vip or etcdServers.0',
    'cli.set.value': '--set {given}: the value is not a valid list or map ({error})',
    'cli.set.path':
      '--set {key}: {at} holds a single value or is past the end of its list; nothing can be set inside it',
    'cli.systemError': 'Stopped: {error}',
    'cli.rootEmpty':
      '--root needs a directory: an empty value would mean / itself. Leave --root out to work on this machine.',
    'cli.rootNotDir':
      '--root {root} is not a directory; give a directory (it is created when it does not exist).',
    'cli.rootUnusable': '--root {root} cannot be used: {error}',
    'cli.noVersion':
      'kubernetesVersion: not given in the answers, and {binary} could not tell its version ({error}). Add kubernetesVersion: "1.NN" to the answers.',
    'cli.versionDetected': 'Kubernetes {version} (from {binary} --version)',
    'cli.newerVersion':
      'Warning: Kubernetes {version} is newer than the newest version kmaster-wizard knows ({newest}); the files are written as for {newest}, and preflight checks each flag against the binaries.',
    'cli.dryRunHeader': 'Dry run: nothing is written and nothing runs.',
    'cli.wouldWrite': 'Would write {path} ({action}, mode {mode})',
    'cli.unchanged': '{path} is unchanged',
    'cli.commandsHeader': 'Commands that would run:',
    'cli.plannedHeader': 'Commands to run on the master (not run under --root):',
    'cli.wrote': 'wrote {target} ({action})',
    'cli.backup': '  backup: {backup}',
    'cli.nothingChanged': 'Nothing changed: every file is already as the answers say.',
    'cli.rootDone': 'Files written under {root}. Nothing was started.',
    'cli.dropped': 'Left out for Kubernetes {version}: {flag} ({component}) — {why}',
    'cli.why.removed': 'removed in {since}',
    'cli.why.no-effect': 'has no effect in this version',
    'cli.why.deprecated': 'deprecated in this version',
    'cli.action.create': 'new',
    'cli.action.update': 'changed',
    'cli.action.mode': 'mode changed',
    'cli.action.unchanged': 'unchanged',
    'cli.notRoot':
      'Writing to / needs root. Run as root, or use --root DIR to write under a scratch directory.',
    'cli.noTty':
      'The interactive wizard needs a terminal. Without one, describe the master in an answers file and run:\n  kmaster-wizard apply --answers FILE [--dry-run | --root DIR | --yes]\n(kmaster-wizard --help shows every command.)',
  },
  {
    'cli.usage': `用法:
  kmaster-wizard [--profile 名称] [--root 目录] [--set 键=值 ...]   交互式向导(需要终端)
  kmaster-wizard apply (--answers 文件 | --profile 名称) [--set 键=值 ...] [--yes] [--dry-run] [--root 目录]
                       [--ignore-preflight-errors=名称,...|all]
  kmaster-wizard status [--answers 文件 | --profile 名称] [--set 键=值 ...]
                        [-o wide|json] [--json]
  kmaster-wizard preflight (--answers 文件 | --profile 名称) [--set 键=值 ...] [--json] [--root 目录]
                           [--issue-certs] [--ignore-preflight-errors=名称,...|all]
  kmaster-wizard doctor [--json] [--answers 文件 | --profile 名称] [--set 键=值 ...]
                                                    本机 master 哪里出了问题,以及如何修复
  kmaster-wizard profiles list | show 名称 | export 名称 [文件] | import 文件 [--name 名称] | delete 名称

全局选项:
  --lang en|zh        界面语言(默认取自 LC_ALL / LANG)
  --config-dir 目录   配置档保存位置(环境变量 KMW_CONFIG_DIR)
  --help, --version
  --set KEY=VALUE     one answer on top of the file or profile (repeatable; dotted keys such as
                      ha.vip or etcdServers.0; checked like the file). A whole number, true/false
                      and [a, b] are a number, a boolean and a list; an empty value removes the key.

apply:
  --root 目录         所有文件写到该目录下而不是 /,且不执行任何 systemctl 步骤
  --dry-run           不写文件、不执行命令:显示每个文件与磁盘现有内容的差异,以及将要执行的命令
  --yes               写文件和启动服务前不再询问
  --ignore-preflight-errors=名称,...|all
                      忽略这些预检失败项继续执行(其他错误仍会让 apply 停止)

status:
  (默认)              名称、服务、状态、信息四列,按终端宽度排版(信息列折行)
  -o wide             另加检查地址和耗时两列,不折行
  -o json, --json     以 JSON 输出

preflight:
  --issue-certs       用集群 CA 签发缺少的客户端证书和 service account 密钥(1.20 起)

doctor:
  读取服务文件、EnvironmentFile、二进制、日志、证书和 etcd 成员;不写任何东西。
  --answers/--profile/--set 只补充文件中没有的信息(loadBalancer)。退出码 0 没有问题,1 有问题。

退出码:0 成功,1 执行失败,2 用法错误或应答无效(未写入任何文件)。`,
    'cli.unknownCommand': '未知命令 "{command}"。',
    'cli.badOption': '{error}',
    'cli.needAnswers': 'apply 需要 --answers 文件 或 --profile 名称。',
    'cli.bothSources': '--answers 和 --profile 只能给一个。',
    'cli.notThisHost': '应答中的地址不是本机地址(是另一台 master 的应答?),未写入任何文件:',
    'cli.notThisHost.row': '  {field} {address} 不是本机地址:请给出 --set {field}={suggestion}',
    'cli.notThisHost.rowNoSuggestion':
      '  {field} {address} 不是本机地址:请给出 --set {field}=地址(本机地址之一)',
    'cli.notThisHost.list': '本机地址:{list}。',
    'cli.notThisHost.nat': '若 {address} 确实无误(经 NAT 映射到本机的地址):--ignore-preflight-errors={check}',
    'cli.badLang': '--lang 只接受 en 或 zh,而不是 "{value}"。',
    'cli.set.syntax': '--set {given}:应为 键=值,如 --set advertiseAddress=192.168.50.102',
    'cli.set.key': '--set {given}:"{key}" 不是合法的键;应为以点分隔的名称,如 ha.vip 或 etcdServers.0',
    'cli.set.value': '--set {given}:值不是合法的列表或映射({error})',
    'cli.set.path': '--set {key}:{at} 是单个值或超出了列表末尾,不能在其中设置',
    'cli.systemError': '已停止:{error}',
    'cli.rootEmpty': '--root 需要一个目录:空值就等于 / 本身。要在本机上操作,请不要给 --root。',
    'cli.rootNotDir': '--root {root} 不是目录;请给出一个目录(不存在时会自动创建)。',
    'cli.rootUnusable': '--root {root} 无法使用:{error}',
    'cli.noVersion':
      'kubernetesVersion:应答中没有给出,且 {binary} 无法给出版本({error})。请在应答中加上 kubernetesVersion: "1.NN"。',
    'cli.versionDetected': 'Kubernetes {version}(来自 {binary} --version)',
    'cli.newerVersion':
      '警告:Kubernetes {version} 比 kmaster-wizard 已知的最新版本({newest})更新;文件按 {newest} 写入,预检会逐一对照程序的参数。',
    'cli.dryRunHeader': '演练模式:不写任何文件,也不执行任何命令。',
    'cli.wouldWrite': '将写入 {path}({action},权限 {mode})',
    'cli.unchanged': '{path} 无变化',
    'cli.commandsHeader': '将要执行的命令:',
    'cli.plannedHeader': '需要在 master 上执行的命令(--root 模式下不执行):',
    'cli.wrote': '已写入 {target}({action})',
    'cli.backup': '  备份:{backup}',
    'cli.nothingChanged': '没有变化:所有文件已与应答一致。',
    'cli.rootDone': '文件已写到 {root} 下,未启动任何服务。',
    'cli.dropped': 'Kubernetes {version} 不再使用:{flag}({component})— {why}',
    'cli.why.removed': '已在 {since} 移除',
    'cli.why.no-effect': '在此版本中已无作用',
    'cli.why.deprecated': '在此版本中已弃用',
    'cli.action.create': '新建',
    'cli.action.update': '修改',
    'cli.action.mode': '权限变更',
    'cli.action.unchanged': '无变化',
    'cli.notRoot': '写入 / 需要 root 权限。请以 root 运行,或用 --root 目录 写到一个临时目录下。',
    'cli.noTty':
      '交互式向导需要终端。没有终端时,请把 master 的参数写进应答文件,然后运行:\n  kmaster-wizard apply --answers 文件 [--dry-run | --root 目录 | --yes]\n(kmaster-wizard --help 列出所有命令。)',
  },
);
