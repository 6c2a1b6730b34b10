import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './maven.cases.js';
import { mavenScheme } from './maven.js';

describeScheme(mavenScheme, cases, valid, invalid);
