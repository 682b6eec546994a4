import { catalog } from '../catalog.js';

/** Messages of the status area. */
export default catalog({}, {});
