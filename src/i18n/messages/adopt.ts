import { catalog } from '../catalog.js';

/** Messages of the adopt area. */
export default catalog({}, {});
