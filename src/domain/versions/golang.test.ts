import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './golang.cases.js';
import { golangScheme } from './golang.js';

describeScheme(golangScheme, cases, valid, invalid);
