export { parseSbom } from './parse.js';
export { MAX_XML_DEPTH } from './xml.js';
