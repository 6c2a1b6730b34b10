import { ApiError, isAbort, listOf, toApiError } from '../api.js';
import type {
  CaseDetail,
  CaseFilter,
  CaseList,
  DecisionTableInfo,
  Receipt,
  ReporterRecord,
  ReproductionRequest,
  Reproduction,
  ReproTarget,
  SubmissionSummary,
  Verdict,
  VendorSchedule,
} from '../types.js';

/**
 * The case, intake and reproduction calls. Same conventions as api.ts (cookies go along, JSON in and
 * out, the error envelope read by toApiError); kept here so the triage UI is one folder.
 */

interface Options {
  body?: unknown;
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

const BASE = '/api/v1';
const id = (value: string): string => encodeURIComponent(value);

async function send(method: string, path: string, options: Options, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  } else if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    init.body = options.raw.text;
  }
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check the connection and try again.');
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw toApiError(response.status, body, response.statusText);
  }
  return response;
}

/** One JSON call with the console's conventions; disclosureApi and advisoryApi use it too. */
export async function call<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  const text = await response.text();
  try {
    return (text ? JSON.parse(text) : undefined) as T;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent a response the console cannot read.');
  }
}

export const casesApi = {
  listCases: (status: CaseFilter, signal?: AbortSignal) => call<CaseList>('GET', `/cases?status=${id(status)}`, { signal }),
  getCase: (caseId: string, signal?: AbortSignal) => call<CaseDetail>('GET', `/cases/${id(caseId)}`, { signal }),
  setVerdict: (caseId: string, body: { verdict: Verdict; reason: string; duplicateOf?: string }) => call<CaseDetail>('POST', `/cases/${id(caseId)}/verdict`, { body }),
  recordTriage: (caseId: string, body: { inputs: Record<string, string>; indicators: string[] }) => call<CaseDetail>('PUT', `/cases/${id(caseId)}/triage`, { body }),
  merge: (caseId: string, from: string) => call<CaseDetail>('POST', `/cases/${id(caseId)}/merge`, { body: { from } }),
  split: (caseId: string, findingIds: string[]) => call<{ from: CaseDetail; to: CaseDetail }>('POST', `/cases/${id(caseId)}/split`, { body: { findingIds } }),
  reply: (caseId: string, text: string) => call<CaseDetail>('POST', `/cases/${id(caseId)}/replies`, { body: { text } }),
  coordinatorTriage: (signal?: AbortSignal) => call<DecisionTableInfo>('GET', '/decision-tables/coordinator-triage', { signal }),

  /** A reporter's bytes as text for a <pre>: fetched, never navigated to (the server sends them as a download). */
  attachmentText: async (findingId: string, name: string, signal?: AbortSignal) => {
    const response = await send('GET', `/findings/${id(findingId)}/attachments/${id(name)}`, { signal }, 'application/octet-stream');
    return response.text();
  },

  listReporters: async (signal?: AbortSignal) => listOf<ReporterRecord>(await call<unknown>('GET', '/reporters', { signal })),
  listVendors: async (signal?: AbortSignal) => listOf<VendorSchedule>(await call<unknown>('GET', '/vendors', { signal })),

  listSubmissions: async (signal?: AbortSignal) => listOf<SubmissionSummary>(await call<unknown>('GET', '/submissions', { signal })),
  getReceipt: (submissionId: string, signal?: AbortSignal) => call<Receipt>('GET', `/submissions/${id(submissionId)}`, { signal }),
  submitFindings: (input: { text: string; contentType: string; format: string; name: string; key: string }) =>
    call<Receipt>('POST', `/submissions?format=${id(input.format)}&name=${id(input.name)}`, {
      raw: { text: input.text, contentType: input.contentType },
      headers: { 'Idempotency-Key': input.key },
    }),

  listReproductions: async (caseId: string, signal?: AbortSignal) => listOf<Reproduction>(await call<unknown>('GET', `/cases/${id(caseId)}/reproductions`, { signal })),
  requestReproduction: (caseId: string, body: ReproductionRequest) => call<Reproduction>('POST', `/cases/${id(caseId)}/reproductions`, { body }),
  listReproTargets: async (signal?: AbortSignal) => listOf<ReproTarget>(await call<unknown>('GET', '/repro-targets', { signal })),
};
