import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './nuget.cases.js';
import { nugetScheme } from './nuget.js';

describeScheme(nugetScheme, cases, valid, invalid);
