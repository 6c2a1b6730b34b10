import type { AffectedInventory, Inventory, InventoryDetail, InventoryPut } from './inventories/inventoryModel.js';
import type { ScanOutput } from './scan/scanModel.js';
import type { Claim, ClaimInput, CoverageSummary, ReportInput, ScanReport, ScanTarget, TargetInput } from './scanning/scanningModel.js';
import type { AdminUser, ApiToken, CreatedToken, Org, Role, SearchPage, User, VulnDetail } from './types.js';

/** One entry of the error envelope's `details`. */
export interface ErrorDetail {
  message: string;
  pointer?: string;
  file?: string;
  line?: number;
}

/** An error answered by the API (`{ error: { code, message, details } }`) or met on the way to it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

interface CallOptions {
  query?: URLSearchParams | Record<string, QueryValue>;
  body?: unknown;
  /** A body sent as is, with its own Content-Type (an SBOM to scan). */
  raw?: { text: string; contentType: string };
  signal?: AbortSignal;
}

const BASE = '/api/v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const params = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({
    message: typeof d.message === 'string' ? d.message : JSON.stringify(d),
    ...(typeof d.pointer === 'string' ? { pointer: d.pointer } : {}),
    ...(typeof d.file === 'string' ? { file: d.file } : {}),
    ...(typeof d.line === 'number' ? { line: d.line } : {}),
  }));
}

/** Reads the error envelope; anything else (a proxy's HTML page, an empty body) gets a generic code. */
export function toApiError(status: number, body: unknown, statusText = ''): ApiError {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
    const { code, message, details } = body.error;
    return new ApiError(status, code, typeof message === 'string' && message ? message : code, parseDetails(details));
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Turns anything thrown into an ApiError for display. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT', error instanceof Error ? error.message : 'Something went wrong.');
}

/**
 * The one place the console talks to the server. Cookies go along (`same-origin`); writes with a body
 * are sent as JSON. A bodiless DELETE sends no Content-Type: an empty body declared as JSON is
 * rejected by the server's parser.
 */
async function call<T>(method: Method, path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
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
    response = await fetch(`${BASE}${path}${queryString(options.query)}`, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, 'NETWORK', 'Could not reach the server. Check the connection and try again.');
  }

  const text = response.status === 204 ? '' : await response.text();
  let body: unknown;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent a response the console cannot read.');
    }
  }
  if (!response.ok) throw toApiError(response.status, body, response.statusText);
  return body as T;
}

/** Admin listings may come bare or wrapped (`{ items }`, `{ orgs }`, …): take the array either way. */
export function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (isRecord(body)) {
    if (Array.isArray(body.items)) return body.items as T[];
    const firstArray = Object.values(body).find(Array.isArray);
    if (firstArray) return firstArray as T[];
  }
  return [];
}

const id = (value: string): string => encodeURIComponent(String(value));

export const api = {
  getSession: (signal?: AbortSignal) => call<{ user: User }>('GET', '/session', { ...(signal ? { signal } : {}) }),
  signIn: (email: string, password: string) => call<{ user: User }>('POST', '/session', { body: { email, password } }),
  signOut: () => call<undefined>('DELETE', '/session'),

  searchVulns: (query: URLSearchParams, signal?: AbortSignal) =>
    call<SearchPage>('GET', '/vulnerabilities', { query, ...(signal ? { signal } : {}) }),
  getVuln: (vulnId: string, signal?: AbortSignal) =>
    call<VulnDetail>('GET', `/vulnerabilities/${id(vulnId)}`, { ...(signal ? { signal } : {}) }),

  scanSbom: (text: string, contentType: string, signal?: AbortSignal) =>
    call<ScanOutput>('POST', '/scan', { raw: { text, contentType }, ...(signal ? { signal } : {}) }),

  // The caller's own organization's inventories (operators could name another with ?org=: not used here).
  listInventories: async (signal?: AbortSignal) => listOf<Inventory>(await call<unknown>('GET', '/inventories', { ...(signal ? { signal } : {}) })),
  getInventory: (name: string, signal?: AbortSignal) => call<InventoryDetail>('GET', `/inventories/${id(name)}`, { ...(signal ? { signal } : {}) }),
  putInventory: (name: string, text: string, contentType: string) => call<InventoryPut>('PUT', `/inventories/${id(name)}`, { raw: { text, contentType } }),
  deleteInventory: (name: string) => call<undefined>('DELETE', `/inventories/${id(name)}`),
  /** The reverse match: which of the caller's inventories (an operator's: everyone's) hold an affected version. */
  affectedInventories: async (vulnId: string, signal?: AbortSignal) =>
    listOf<AffectedInventory>(await call<unknown>('GET', `/vulnerabilities/${id(vulnId)}/inventories`, { ...(signal ? { signal } : {}) })),

  // Scan coordination: any member reads; reporter and operator organizations claim and report.
  listScanTargets: async (signal?: AbortSignal) => listOf<ScanTarget>(await call<unknown>('GET', '/scan-targets', { ...(signal ? { signal } : {}) })),
  // The listing's `items` repeat the targets; the console reads only the counts.
  getCoverage: (signal?: AbortSignal) => call<CoverageSummary>('GET', '/coverage', { ...(signal ? { signal } : {}) }),
  registerScanTarget: (input: TargetInput) => call<ScanTarget>('POST', '/scan-targets', { body: input }),
  weighScanTarget: (targetId: string, weight: number) => call<ScanTarget>('PATCH', `/scan-targets/${id(targetId)}`, { body: { weight } }),
  claimScanTarget: (targetId: string, input: ClaimInput) => call<Claim>('POST', `/scan-targets/${id(targetId)}/claims`, { body: input }),
  releaseClaim: (claimId: string) => call<Claim>('DELETE', `/claims/${id(claimId)}`),
  reportScan: (input: ReportInput) => call<ScanReport>('POST', '/scan-reports', { body: input }),

  listOrgs: async (signal?: AbortSignal) => listOf<Org>(await call<unknown>('GET', '/orgs', { ...(signal ? { signal } : {}) })),
  createOrg: (input: { slug: string; name: string; roles: Role[] }) => call<unknown>('POST', '/orgs', { body: input }),

  listUsers: async (orgId: string, signal?: AbortSignal) =>
    listOf<AdminUser>(await call<unknown>('GET', '/users', { query: { org: orgId }, ...(signal ? { signal } : {}) })),
  createUser: (input: { orgId: string; email: string; name: string; password: string; isAdmin: boolean }) =>
    call<unknown>('POST', '/users', { body: input }),
  setUserDisabled: (userId: string, disabled: boolean) => call<unknown>('PATCH', `/users/${id(userId)}`, { body: { disabled } }),

  listTokens: async (signal?: AbortSignal) => listOf<ApiToken>(await call<unknown>('GET', '/tokens', { ...(signal ? { signal } : {}) })),
  createToken: (input: { name: string; scopes: string[]; expiresInDays?: number; orgId?: string }) =>
    call<CreatedToken>('POST', '/tokens', { body: input }),
  revokeToken: (tokenId: string) => call<undefined>('DELETE', `/tokens/${id(tokenId)}`),
};
