import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './npm.cases.js';
import { npmScheme } from './npm.js';

describeScheme(npmScheme, cases, valid, invalid);
