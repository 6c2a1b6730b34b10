export { SandboxError, SandboxUnavailable, type SandboxErrorCode } from './errors.js';
export type { SandboxLimits, SandboxLimitsInput } from './limits.js';
export { judge, type Judgement, type Oracle } from './oracle.js';
export { reproduce, type Attempt, type Poc, type Reproduction, type ReproduceInput, type Verdict } from './reproduce.js';
export { runSandboxed, type KilledFor, type SandboxOptions, type SandboxRun, type SandboxSpec } from './run.js';
