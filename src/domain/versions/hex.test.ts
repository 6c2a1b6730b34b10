import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './hex.cases.js';
import { hexScheme } from './hex.js';

describeScheme(hexScheme, cases, valid, invalid);
