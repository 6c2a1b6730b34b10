import { call } from '../cases/casesApi.js';
import type { Advisory, AdvisoryView } from './advisoryModel.js';

/** The advisory calls (docs/API.md, "Advisories"). */
const a = (id: string, rest = ''): string => `/advisories/${encodeURIComponent(id)}${rest}`;

export const advisoryApi = {
  ofCase: (caseId: string, signal?: AbortSignal) => call<AdvisoryView>('GET', `/cases/${encodeURIComponent(caseId)}/advisory`, { signal }),
  draft: (caseId: string) => call<AdvisoryView>('POST', `/cases/${encodeURIComponent(caseId)}/advisory`, { body: {} }),
  get: (id: string, signal?: AbortSignal) => call<AdvisoryView>('GET', a(id), { signal }),
  save: (id: string, body: { advisory: Advisory; updatedAt: string; publishAt?: string | null }) => call<AdvisoryView>('PUT', a(id), { body }),
  ready: (id: string, publishAt: string | null) => call<AdvisoryView>('POST', a(id, '/ready'), { body: publishAt ? { publishAt } : {} }),
  reopen: (id: string) => call<AdvisoryView>('POST', a(id, '/reopen'), { body: {} }),
};
