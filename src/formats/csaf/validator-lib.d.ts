// @secvisogram/csaf-validator-lib ships JavaScript without declarations: the parts AICC uses.

declare module '@secvisogram/csaf-validator-lib/validate.js' {
  export interface CsafMessage { instancePath: string; message: string }
  export interface CsafTestResult { isValid?: boolean; errors?: CsafMessage[]; warnings?: CsafMessage[]; infos?: CsafMessage[] }
  /** Every test's identifier is its function name. */
  export type CsafDocumentTest = (doc: unknown) => CsafTestResult | Promise<CsafTestResult>;
  export interface CsafValidation {
    isValid: boolean;
    tests: Array<{ name: string; isValid: boolean; errors: CsafMessage[]; warnings: CsafMessage[]; infos: CsafMessage[] }>;
  }
  export default function validate(tests: CsafDocumentTest[], doc: unknown): Promise<CsafValidation>;
}

declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validate.js';
  export const csaf_2_0: CsafDocumentTest;
  export const csaf_2_0_strict: CsafDocumentTest;
}

declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validate.js';
  export const mandatoryTest_6_1_1: CsafDocumentTest;
  export const mandatoryTest_6_1_2: CsafDocumentTest;
  export const mandatoryTest_6_1_3: CsafDocumentTest;
  export const mandatoryTest_6_1_4: CsafDocumentTest;
  export const mandatoryTest_6_1_5: CsafDocumentTest;
  export const mandatoryTest_6_1_6: CsafDocumentTest;
  export const mandatoryTest_6_1_7: CsafDocumentTest;
  export const mandatoryTest_6_1_8: CsafDocumentTest;
  export const mandatoryTest_6_1_9: CsafDocumentTest;
  export const mandatoryTest_6_1_10: CsafDocumentTest;
  export const mandatoryTest_6_1_11: CsafDocumentTest;
  export const mandatoryTest_6_1_12: CsafDocumentTest;
  export const mandatoryTest_6_1_13: CsafDocumentTest;
  export const mandatoryTest_6_1_14: CsafDocumentTest;
  export const mandatoryTest_6_1_15: CsafDocumentTest;
  export const mandatoryTest_6_1_16: CsafDocumentTest;
  export const mandatoryTest_6_1_17: CsafDocumentTest;
  export const mandatoryTest_6_1_18: CsafDocumentTest;
  export const mandatoryTest_6_1_19: CsafDocumentTest;
  export const mandatoryTest_6_1_20: CsafDocumentTest;
  export const mandatoryTest_6_1_21: CsafDocumentTest;
  export const mandatoryTest_6_1_22: CsafDocumentTest;
  export const mandatoryTest_6_1_23: CsafDocumentTest;
  export const mandatoryTest_6_1_24: CsafDocumentTest;
  export const mandatoryTest_6_1_25: CsafDocumentTest;
  export const mandatoryTest_6_1_26: CsafDocumentTest;
  export const mandatoryTest_6_1_27_1: CsafDocumentTest;
  export const mandatoryTest_6_1_27_2: CsafDocumentTest;
  export const mandatoryTest_6_1_27_3: CsafDocumentTest;
  export const mandatoryTest_6_1_27_4: CsafDocumentTest;
  export const mandatoryTest_6_1_27_5: CsafDocumentTest;
  export const mandatoryTest_6_1_27_6: CsafDocumentTest;
  export const mandatoryTest_6_1_27_7: CsafDocumentTest;
  export const mandatoryTest_6_1_27_8: CsafDocumentTest;
  export const mandatoryTest_6_1_27_9: CsafDocumentTest;
  export const mandatoryTest_6_1_27_10: CsafDocumentTest;
  export const mandatoryTest_6_1_27_11: CsafDocumentTest;
  export const mandatoryTest_6_1_28: CsafDocumentTest;
  export const mandatoryTest_6_1_29: CsafDocumentTest;
  export const mandatoryTest_6_1_30: CsafDocumentTest;
  export const mandatoryTest_6_1_31: CsafDocumentTest;
  export const mandatoryTest_6_1_32: CsafDocumentTest;
  export const mandatoryTest_6_1_33: CsafDocumentTest;
}

declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js' {
  const schema: object;
  export default schema;
}
declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js' {
  const schema: object;
  export default schema;
}
declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js' {
  const schema: object;
  export default schema;
}
