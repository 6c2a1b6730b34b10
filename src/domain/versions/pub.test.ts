import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './pub.cases.js';
import { pubScheme } from './pub.js';

describeScheme(pubScheme, cases, valid, invalid);
