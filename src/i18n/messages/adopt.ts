import { catalog } from '../catalog.js';

/**
 * Messages of the adopt area: reading a master's files (written by hand from the seed, or by
 * an earlier run) back into answers. The `adopt.expect.*` sentences complete "expected …"
 * in a field problem.
 */
export default catalog(
  {
    'adopt.expect.sameValue':
      'one value wherever it is set; {file1} has {flag1}={value1} but {file2} has {flag2}={value2}',
    'adopt.expect.valueLike':
      'a value of the form the wizard writes, like {flag}={example} (this one is set in {file})',
    'adopt.expect.fixedValue':
      '{flag}={expected}, which the wizard always writes for {component} (set in {file}); it would be replaced',
    'adopt.expect.once': '{flag} given once in {file} (it is given {count} times; the last one counts)',
    'adopt.expect.flag': 'flags only on the command line of {component} ({file}); this word is not a flag',
    'adopt.expect.binary': 'the {component} binary (ExecStart= in {file} runs {binary})',
    'adopt.expect.execStart': 'an ExecStart= line in {file}',
    'adopt.expect.envFile':
      'the EnvironmentFile {path} that {file} requires (it is missing, so the unit cannot start)',
    'adopt.expect.readable': 'a readable file ({error})',
    'adopt.expect.kubeconfigValue':
      'only the values the wizard writes in a kubeconfig, certificates by file path ({file} has this one, which would be dropped)',
    'adopt.expect.oneVersion': 'one Kubernetes version in every file written by kmaster-wizard ({versions})',
    'adopt.title': 'Adopt the files already on this host',
    'adopt.nothing':
      'No EnvironmentFile or unit of kube-apiserver, kube-controller-manager or kube-scheduler was found.',
    'adopt.read': 'Read {count} files:',
    'adopt.read_one': 'Read {count} file:',
    'adopt.version': 'Written by kmaster-wizard for Kubernetes {version}.',
    'adopt.unknownHeader': 'Flags the wizard does not manage, kept as extra arguments:',
    'adopt.unknownFlag': '{component}: {arg}',
    'adopt.problemsHeader': 'To settle before these answers can be used:',
    'adopt.clean': 'Every flag was read into the answers.',
  },
  {
    'adopt.expect.sameValue': '各处相同的值;{file1} 中为 {flag1}={value1},而 {file2} 中为 {flag2}={value2}',
    'adopt.expect.valueLike': '向导所写形式的值,如 {flag}={example}(此值在 {file} 中设置)',
    'adopt.expect.fixedValue':
      '{flag}={expected},这是向导为 {component} 固定写入的值(在 {file} 中设置);将被替换',
    'adopt.expect.once': '{flag} 在 {file} 中只出现一次(出现了 {count} 次,以最后一次为准)',
    'adopt.expect.flag': '{component} 的命令行上只有参数({file});这个词不是参数',
    'adopt.expect.binary': '{component} 可执行文件({file} 中的 ExecStart= 运行的是 {binary})',
    'adopt.expect.execStart': '{file} 中的 ExecStart= 行',
    'adopt.expect.envFile': '{file} 要求的 EnvironmentFile {path}(该文件不存在,服务无法启动)',
    'adopt.expect.readable': '可读取的文件({error})',
    'adopt.expect.kubeconfigValue':
      '向导在 kubeconfig 中写入的值,证书以文件路径给出({file} 中有这一项,将被丢弃)',
    'adopt.expect.oneVersion': '由 kmaster-wizard 写入的各文件使用同一 Kubernetes 版本({versions})',
    'adopt.title': '沿用本机已有的文件',
    'adopt.nothing':
      '没有找到 kube-apiserver、kube-controller-manager 或 kube-scheduler 的配置文件或 systemd 单元。',
    'adopt.read': '读取了 {count} 个文件:',
    'adopt.version': '由 kmaster-wizard 为 Kubernetes {version} 写入。',
    'adopt.unknownHeader': '向导不管理的参数,作为额外参数保留:',
    'adopt.unknownFlag': '{component}:{arg}',
    'adopt.problemsHeader': '使用这些应答之前需要解决:',
    'adopt.clean': '所有参数都已读入应答。',
  },
);
