import { listOf } from '../api.js';
import { call } from './casesApi.js';
import type { EmbargoAnswer, Identifiers, Message, Participant, Tlp, VendorStatus } from './disclosureModel.js';

/** The coordinated-disclosure calls of one case (docs/API.md, "Coordinated disclosure"). */

const c = (caseId: string, rest = ''): string => `/cases/${encodeURIComponent(caseId)}${rest}`;

export const disclosureApi = {
  participants: async (caseId: string, signal?: AbortSignal) => listOf<Participant>(await call<unknown>('GET', c(caseId, '/participants'), { signal })),
  addParticipant: (caseId: string, body: { org: string; role: 'vendor' | 'coordinator'; reason: string }) => call<unknown>('POST', c(caseId, '/participants'), { body }),

  messages: async (caseId: string, thread: string, signal?: AbortSignal) =>
    listOf<Message>(await call<unknown>('GET', c(caseId, `/messages?thread=${encodeURIComponent(thread)}`), { signal })),
  postMessage: (caseId: string, body: { thread: string; tlp: Tlp; body: string }) => call<Message>('POST', c(caseId, '/messages'), { body }),

  setVendorStatus: (caseId: string, body: { status: VendorStatus; statement?: string; vendor?: string }) => call<unknown>('PUT', c(caseId, '/vendor-status'), { body }),
  acknowledge: (caseId: string) => call<{ status: string }>('POST', c(caseId, '/acknowledge'), { body: {} }),

  embargo: (caseId: string, signal?: AbortSignal) => call<EmbargoAnswer>('GET', c(caseId, '/embargo'), { signal }),
  requestExtension: (caseId: string, body: { days: number; reason: string } | { until: string; reason: string }) => call<EmbargoAnswer>('POST', c(caseId, '/embargo/extensions'), { body }),
  agreeExtension: (caseId: string, extensionId: string) => call<EmbargoAnswer>('POST', c(caseId, `/embargo/extensions/${encodeURIComponent(extensionId)}/agree`), { body: {} }),
  earlyRelease: (caseId: string, reason: 'fixed' | 'exploited') => call<EmbargoAnswer>('POST', c(caseId, '/embargo/early-release'), { body: { reason } }),

  identifiers: (caseId: string, signal?: AbortSignal) => call<Identifiers>('GET', c(caseId, '/id'), { signal }),
  allocateId: (caseId: string) => call<Identifiers>('POST', c(caseId, '/id'), { body: {} }),
  setCve: (caseId: string, cve: string) => call<Identifiers>('PUT', c(caseId, '/cve'), { body: { cve } }),
};
