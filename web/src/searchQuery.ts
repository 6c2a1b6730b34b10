import { SEVERITY_LEVELS, type SeverityLevel } from './types.js';

/** What the vulnerability browser filters on; kept in the page URL so back/forward and links work. */
export interface SearchFilters {
  q: string;
  ecosystem: string;
  kev: boolean;
  /** 0..1, as the API takes it */
  epssMin: number | null;
  severity: SeverityLevel | null;
  includeWithdrawn: boolean;
}

export const EMPTY_FILTERS: SearchFilters = {
  q: '',
  ecosystem: '',
  kev: false,
  epssMin: null,
  severity: null,
  includeWithdrawn: false,
};

/** Known advisory id prefixes (OSV's list, CVE, and AICC's own). Ids of all-caps schemes are upper-cased. */
const UPPER_PREFIXES = ['AICC', 'CVE', 'GO', 'PYSEC', 'RUSTSEC', 'OSV', 'MAL', 'GSD', 'DSA', 'DLA', 'DTSA', 'USN', 'ALSA', 'ALBA', 'ALEA', 'RHSA', 'RHBA', 'RHEA', 'RLSA', 'RXSA', 'PSF', 'CURL', 'HSEC', 'UVI', 'MGASA', 'LBSEC', 'CGA'];
const KEEP_CASE_PREFIXES = ['BIT', 'SUSE', 'openSUSE', 'UBUNTU', 'DEBIAN', 'ECHO', 'MINI', 'ASB', 'PUB', 'RUBY', 'NPM', 'ANDROID'];
const GHSA = /^ghsa(-[23456789cfghjmpqrvwx]{4}){3}$/i;
const CVE = /^cve-\d{4}-\d{4,}$/i;

/**
 * If the text looks like an advisory identifier (CVE-2021-44228, GHSA-…, GO-2022-0001, PYSEC-…,
 * RUSTSEC-…), returns it normalized for an exact `id` lookup (aliases included); otherwise null.
 */
export function asIdentifier(text: string): string | null {
  const value = text.trim();
  if (!value || /\s/.test(value)) return null;
  if (CVE.test(value)) return value.toUpperCase();
  if (GHSA.test(value)) return `GHSA${value.slice(4).toLowerCase()}`;
  const dash = value.indexOf('-');
  if (dash <= 0) return null;
  const prefix = value.slice(0, dash);
  if (/^(cve|ghsa)$/i.test(prefix)) return null; // malformed CVE or GHSA ids are text
  const rest = value.slice(dash + 1);
  // An id has a digit after its prefix; "log4j-core" or "spring-webmvc" are package names, not ids.
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(rest) || !/\d/.test(rest)) return null;
  const upper = UPPER_PREFIXES.find((p) => p === prefix.toUpperCase());
  if (upper) return value.toUpperCase();
  const kept = KEEP_CASE_PREFIXES.find((p) => p.toLowerCase() === prefix.toLowerCase());
  if (kept) return `${kept}-${rest}`;
  return null;
}

function isSeverity(value: string | null): value is SeverityLevel {
  return value !== null && (SEVERITY_LEVELS as readonly string[]).includes(value);
}

export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const epss = Number.parseFloat(params.get('epssMin') ?? '');
  const severity = params.get('severity');
  return {
    q: params.get('q') ?? '',
    ecosystem: params.get('ecosystem') ?? '',
    kev: params.get('kev') === 'true',
    epssMin: Number.isFinite(epss) && epss > 0 && epss <= 1 ? epss : null,
    severity: isSeverity(severity) ? severity : null,
    includeWithdrawn: params.get('includeWithdrawn') === 'true',
  };
}

/** The page URL's query for these filters (only what is set, in a stable order). */
export function filtersToParams(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.ecosystem.trim()) params.set('ecosystem', filters.ecosystem.trim());
  if (filters.kev) params.set('kev', 'true');
  if (filters.epssMin !== null) params.set('epssMin', String(filters.epssMin));
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.includeWithdrawn) params.set('includeWithdrawn', 'true');
  return params;
}

export const DEFAULT_PAGE_SIZE = 50;

/** Page size from the URL (`?limit=`, 1..200 as the API allows), else the default. */
export function pageSizeFromParams(params: URLSearchParams): number {
  const limit = Number(params.get('limit'));
  return Number.isInteger(limit) && limit >= 1 && limit <= 200 ? limit : DEFAULT_PAGE_SIZE;
}

/** The API query: the text goes as `id` when it looks like an identifier, else as `q`. */
export function apiQuery(filters: SearchFilters, cursor?: string | null, limit = DEFAULT_PAGE_SIZE): URLSearchParams {
  const params = filtersToParams(filters);
  const id = asIdentifier(filters.q);
  if (id) {
    params.delete('q');
    params.set('id', id);
  }
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params;
}
