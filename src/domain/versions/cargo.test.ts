import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './cargo.cases.js';
import { cargoScheme } from './cargo.js';

describeScheme(cargoScheme, cases, valid, invalid);
