import { call } from '../cases/casesApi.js';
import type {
  AssetDetail,
  AssetInput,
  AssetPut,
  Asset,
  Channel,
  CreatedChannel,
  DeadLetter,
  Exposure,
  FeedNotification,
  RemediationDraft,
  RemediationHistory,
  RemediationReport,
  Settings,
  SettingsInput,
  VexImport,
} from './subscriberModel.js';
import { remediationBody } from './subscriberModel.js';

/**
 * The subscriber's calls (docs/API.md, "Distribution", "Remediation"). `org` is an operator's
 * choice of subscriber; a subscriber's own calls leave it out and act on its own organization.
 */
const id = (value: string): string => encodeURIComponent(value);

function q(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The feed is paged oldest first; a page is this long, and the portal reads this many pages at most. */
const FEED_PAGE = 1000;
const FEED_PAGES = 10;

export const subscriberApi = {
  listAssets: async (org: string | undefined, signal?: AbortSignal) => (await call<{ items: Asset[] }>('GET', q('/assets', { org }), { signal })).items,
  getAsset: (name: string, org: string | undefined, signal?: AbortSignal) => call<AssetDetail>('GET', q(`/assets/${id(name)}`, { org }), { signal }),
  putAsset: (name: string, body: AssetInput, org: string | undefined) => call<AssetPut>('PUT', q(`/assets/${id(name)}`, { org }), { body }),
  putSbom: (name: string, text: string, contentType: string, org: string | undefined) =>
    call<AssetPut>('PUT', q(`/assets/${id(name)}/sbom`, { org }), { raw: { text, contentType } }),
  deleteAsset: (name: string, org: string | undefined) => call<undefined>('DELETE', q(`/assets/${id(name)}`, { org })),
  sbomHref: (name: string, version: number, org: string | undefined) => `/api/v1${q(`/assets/${id(name)}/sboms/${String(version)}`, { org })}`,

  listExposures: async (filter: { all?: boolean; asset?: string }, org: string | undefined, signal?: AbortSignal) =>
    (await call<{ items: Exposure[] }>('GET', q('/exposures', { org, status: filter.all ? 'all' : undefined, asset: filter.asset }), { signal })).items,
  reportRemediation: (exposureId: string, draft: RemediationDraft, org: string | undefined) =>
    call<{ report: RemediationReport }>('PUT', q(`/exposures/${id(exposureId)}/remediation`, { org }), { body: remediationBody(draft) }),
  remediationHistory: (exposureId: string, org: string | undefined, signal?: AbortSignal) =>
    call<RemediationHistory>('GET', q(`/exposures/${id(exposureId)}/remediation`, { org }), { signal }),
  uploadVex: (text: string, name: string, org: string | undefined) =>
    call<VexImport>('POST', q('/remediation/vex', { org, name }), { raw: { text, contentType: 'application/json' } }),

  getSettings: (org: string | undefined, signal?: AbortSignal) => call<Settings>('GET', q('/subscriber/settings', { org }), { signal }),
  putSettings: (body: SettingsInput, org: string | undefined) => call<Settings>('PUT', q('/subscriber/settings', { org }), { body }),

  listChannels: async (org: string | undefined, signal?: AbortSignal) => (await call<{ items: Channel[] }>('GET', q('/subscriber/channels', { org }), { signal })).items,
  createChannel: (body: { kind: 'webhook' | 'email'; target: string }, org: string | undefined) => call<CreatedChannel>('POST', q('/subscriber/channels', { org }), { body }),
  setChannelActive: (channelId: string, active: boolean, org: string | undefined) => call<Channel>('PATCH', q(`/subscriber/channels/${id(channelId)}`, { org }), { body: { active } }),
  deleteChannel: (channelId: string, org: string | undefined) => call<undefined>('DELETE', q(`/subscriber/channels/${id(channelId)}`, { org })),

  /**
   * The whole feed as far as FEED_PAGES pages reach, oldest first (the API has no "newest first":
   * the page reverses it); `truncated` when more remains.
   */
  feed: async (org: string | undefined, signal?: AbortSignal) => {
    const items: FeedNotification[] = [];
    let after = '0';
    for (let page = 0; page < FEED_PAGES; page++) {
      const r = await call<{ items: FeedNotification[]; next: string }>('GET', q('/notifications', { org, after, limit: String(FEED_PAGE) }), { signal });
      items.push(...r.items);
      if (r.items.length < FEED_PAGE) return { items, truncated: false };
      after = r.next;
    }
    return { items, truncated: true };
  },

  listDeadLetters: async (org: string | undefined, signal?: AbortSignal) => (await call<{ items: DeadLetter[] }>('GET', q('/dead-letters', { org }), { signal })).items,
  replayDeadLetters: (body: { channelId?: string; ids?: string[] }, org: string | undefined) =>
    call<{ replaying: number }>('POST', q('/dead-letters/replay', { org }), { body }),
};
