export { parseCve5, parseCve5Text } from './parse.js';
export { CVE5_SCHEMA, cve5SchemaProblems } from './validate.js';
