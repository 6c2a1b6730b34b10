export type { ScanOutputInput, ScanOutputResult, ScanOutputVulnerability } from './input.js';
export { toSarif, type SarifOptions } from './sarif.js';
export { toCycloneDxVex, type VexOptions } from './vex.js';
