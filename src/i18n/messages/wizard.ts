import { catalog } from '../catalog.js';

/** Messages of the wizard area. */
export default catalog({}, {});
