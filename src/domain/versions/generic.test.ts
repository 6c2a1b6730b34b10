import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './generic.cases.js';
import { genericScheme } from './generic.js';

describeScheme(genericScheme, cases, valid, invalid);
