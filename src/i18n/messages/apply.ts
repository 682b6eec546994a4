import { catalog } from '../catalog.js';

/** Messages of the apply area. */
export default catalog({}, {});
