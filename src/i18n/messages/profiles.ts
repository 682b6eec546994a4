import { catalog } from '../catalog.js';

/** Messages of the profiles area: the saved-answers store and `kmaster-wizard profiles`. */
export default catalog(
  {
    'profiles.notFound': 'No profile named "{name}". `kmaster-wizard profiles list` shows the saved ones.',
    'profiles.name.invalid':
      'Profile name "{name}" is not accepted; expected 1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit (like master-1).',
    'profiles.answers.invalid': 'The answers for profile "{name}" are not valid; nothing was saved:',
    'profiles.store.badJson':
      'The profile store {path} is not valid JSON ({error}). It was left exactly as it is: repair it or move it away, then run again.',
    'profiles.store.badEncoding':
      'The profile store {path} is damaged: it is not valid UTF-8 text (line {line}, byte {byte}). It was left exactly as it is: repair it or move it away, then run again.',
    'profiles.store.badShape':
      'The profile store {path} is damaged: {where} does not hold what a profile store holds ({expected}). It was left exactly as it is: repair it or move it away, then run again.',
    'profiles.store.badName':
      'The profile store {path} is damaged: it has an entry named "{name}", which is not a valid profile name. It was left exactly as it is: repair it or move it away, then run again.',
    'profiles.store.newer':
      'The profile store {path} has format version {version}, written by a newer kmaster-wizard; this one reads versions up to {supported}. It was left exactly as it is.',
    'profiles.store.migrationFailed':
      'The profile store {path} could not be brought to format version {supported}: {error}. A copy of it from before the attempt is kept beside it.',
    'profiles.store.io': 'The profile store {path} cannot be read or written: {error}',
    'profiles.expected.root': 'an object with "profiles"',
    'profiles.expected.profiles': 'an object of profiles by name',
    'profiles.expected.entry': 'an object with "savedAt" and "answers"',
    'profiles.expected.savedAt': 'the time it was saved, like 2026-01-31T12:00:00.000Z',
    'profiles.expected.answers': 'an object of answers',
    'profiles.expected.internal': "the store's own bookkeeping object",
    'profiles.cmd.usage':
      'Usage: kmaster-wizard profiles list | show NAME | export NAME [FILE] | import FILE [--name NAME] | delete NAME',
    'profiles.cmd.unknown': 'Unknown profiles command "{command}".',
    'profiles.cmd.needName': '`profiles {command}` needs the name of a profile.',
    'profiles.cmd.needFile': '`profiles import` needs the answers file to import (YAML or JSON).',
    'profiles.cmd.tooMany': 'Too many arguments for `profiles {command}`: {extra}',
    'profiles.list.empty': 'No saved profiles (store: {path}).',
    'profiles.list.header.name': 'NAME',
    'profiles.list.header.savedAt': 'SAVED',
    'profiles.list.header.advertise': 'ADVERTISE ADDRESS',
    'profiles.list.header.version': 'VERSION',
    'profiles.list.store': 'Store: {path}',
    'profiles.list.unset': '-',
    'profiles.export.header':
      'kmaster-wizard profile "{name}", saved {savedAt}. Import with: kmaster-wizard profiles import FILE',
    'profiles.export.wrote': 'Exported profile "{name}" to {file}.',
    'profiles.export.backup': '  backup of the previous {file}: {backup}',
    'profiles.export.failed': 'Cannot write {file}: {error}',
    'profiles.import.nameFromFile':
      'The file name "{file}" does not give a valid profile name; choose one with --name NAME.',
    'profiles.import.saved': 'Imported {file} as profile "{name}".',
    'profiles.import.replaced':
      'Imported {file} as profile "{name}", replacing the one saved before (the previous store is kept as a backup beside {path}).',
    'profiles.delete.done':
      'Deleted profile "{name}" (the previous store is kept as a backup beside {path}).',
  },
  {
    'profiles.notFound': '没有名为 "{name}" 的配置档。`kmaster-wizard profiles list` 列出已保存的配置档。',
    'profiles.name.invalid':
      '不接受配置档名称 "{name}";应为 1 到 64 个字母、数字、点、下划线或连字符,并以字母或数字开头(如 master-1)。',
    'profiles.answers.invalid': '配置档 "{name}" 的应答无效,未保存任何内容:',
    'profiles.store.badJson':
      '配置档存储 {path} 不是有效的 JSON({error})。文件保持原样未动:请修复或移走它,然后重新运行。',
    'profiles.store.badEncoding':
      '配置档存储 {path} 已损坏:它不是有效的 UTF-8 文本(第 {line} 行,第 {byte} 字节)。文件保持原样未动:请修复或移走后再运行。',
    'profiles.store.badShape':
      '配置档存储 {path} 已损坏:{where} 处的内容不符合配置档存储的结构(应为{expected})。文件保持原样未动:请修复或移走它,然后重新运行。',
    'profiles.store.badName':
      '配置档存储 {path} 已损坏:其中有一项名为 "{name}",不是有效的配置档名称。文件保持原样未动:请修复或移走它,然后重新运行。',
    'profiles.store.newer':
      '配置档存储 {path} 的格式版本为 {version},由更新版本的 kmaster-wizard 写入;当前版本最多能读取版本 {supported}。文件保持原样未动。',
    'profiles.store.migrationFailed':
      '无法把配置档存储 {path} 升级到格式版本 {supported}:{error}。升级前的副本保存在它旁边。',
    'profiles.store.io': '无法读取或写入配置档存储 {path}:{error}',
    'profiles.expected.root': '含 "profiles" 的对象',
    'profiles.expected.profiles': '以名称为键的配置档对象',
    'profiles.expected.entry': '含 "savedAt" 和 "answers" 的对象',
    'profiles.expected.savedAt': '保存时间,如 2026-01-31T12:00:00.000Z',
    'profiles.expected.answers': '应答对象',
    'profiles.expected.internal': '存储自身的记录对象',
    'profiles.cmd.usage':
      '用法:kmaster-wizard profiles list | show 名称 | export 名称 [文件] | import 文件 [--name 名称] | delete 名称',
    'profiles.cmd.unknown': '未知的 profiles 子命令 "{command}"。',
    'profiles.cmd.needName': '`profiles {command}` 需要配置档名称。',
    'profiles.cmd.needFile': '`profiles import` 需要要导入的应答文件(YAML 或 JSON)。',
    'profiles.cmd.tooMany': '`profiles {command}` 的参数过多:{extra}',
    'profiles.list.empty': '没有已保存的配置档(存储位置:{path})。',
    'profiles.list.header.name': '名称',
    'profiles.list.header.savedAt': '保存时间',
    'profiles.list.header.advertise': '通告地址',
    'profiles.list.header.version': '版本',
    'profiles.list.store': '存储位置:{path}',
    'profiles.list.unset': '-',
    'profiles.export.header':
      'kmaster-wizard 配置档 "{name}",保存于 {savedAt}。导入:kmaster-wizard profiles import 文件',
    'profiles.export.wrote': '已将配置档 "{name}" 导出到 {file}。',
    'profiles.export.backup': '  原 {file} 的备份:{backup}',
    'profiles.export.failed': '无法写入 {file}:{error}',
    'profiles.import.nameFromFile': '文件名 "{file}" 不能作为有效的配置档名称;请用 --name 名称 指定。',
    'profiles.import.saved': '已将 {file} 导入为配置档 "{name}"。',
    'profiles.import.replaced':
      '已将 {file} 导入为配置档 "{name}",替换了之前保存的同名配置档(之前的存储已备份在 {path} 旁边)。',
    'profiles.delete.done': '已删除配置档 "{name}"(之前的存储已备份在 {path} 旁边)。',
  },
);
