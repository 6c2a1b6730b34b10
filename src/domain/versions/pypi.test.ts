import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './pypi.cases.js';
import { pypiScheme } from './pypi.js';

describeScheme(pypiScheme, cases, valid, invalid);
