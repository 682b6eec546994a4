import { catalog } from '../catalog.js';

/** Messages of the profiles area. */
export default catalog(
  {
    'profiles.notFound': 'No profile named "{name}". `kmaster-wizard profiles list` shows the saved ones.',
  },
  {
    'profiles.notFound': '没有名为 "{name}" 的配置档。`kmaster-wizard profiles list` 列出已保存的配置档。',
  },
);
