import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './rubygems.cases.js';
import { rubygemsScheme } from './rubygems.js';

describeScheme(rubygemsScheme, cases, valid, invalid);
