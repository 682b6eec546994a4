import { catalog } from '../catalog.js';

/** Messages of the preflight area. */
export default catalog({}, {});
