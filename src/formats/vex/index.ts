export { fromCycloneDxVex, toCycloneDxVex, type VexAdvisoryOptions } from './advisory.js';
