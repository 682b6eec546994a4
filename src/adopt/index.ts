export { type AdoptResult, adoptFromDisk, describeAdopt } from './adopt.js';
export { UNIT_DIRS } from './sources.js';
