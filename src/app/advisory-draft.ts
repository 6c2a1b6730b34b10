import type { Acknowledgment, Advisory, AdvisoryProduct, Remediation } from '../domain/advisory.js';
import type { Finding } from '../domain/finding.js';
import { withoutVersion } from '../domain/purl.js';
import { parsePurl } from '../domain/purl-spec.js';
import { toString, versFromNative } from '../domain/vers/index.js';
import { cweName } from '../formats/csaf/index.js';
import { canonicalVersions } from './advisory-input.js';

/** What a draft is made of: the case and its findings, reporters, vendors and their statuses. */
export interface DraftSource {
  id: string;
  title: string;
  cve: string | null;
  /** in the order received: the first one opened the case */
  findings: Array<{ record: Finding; receivedAt: string }>;
  /** reporter organizations, first reporter first */
  reporters: Array<{ name: string; firstSeen: string }>;
  /** the case's vendors with what they maintain and their status on the case */
  vendors: Array<{ name: string; prefixes: readonly string[]; status: string | null; statement: string | null }>;
  /** the embargo end, when there is an embargo */
  embargoEnd: string | null;
  now: Date;
  publisher: Advisory['publisher'];
  publicUrl: string;
}

/**
 * A first draft of the case's advisory, and what could not be carried over (warnings). The
 * analyst edits from here; nothing here is final.
 * - summary: the first sentence of the description of the finding that opened the case; details:
 *   that whole description, with its claimed impact. The first report is the one the others
 *   were deduplicated against, so it is the reference text; the others describe the same flaw.
 * - products: one per distinct package and affected versions across the findings, known_affected;
 *   versions as a vers (native ranges converted), else one plain version; unreadable versions make
 *   an `under_investigation` product over all versions and a warning.
 * - vendor statuses: `not_affected` moves that vendor's products to known_not_affected; `fixed`
 *   adds a vendor_fix remediation with the vendor's statement (the fixed version is the analyst's
 *   to add).
 */
export function draftAdvisory(s: DraftSource): { advisory: Advisory; warnings: string[] } {
  const warnings: string[] = [];
  const first = s.findings[0]?.record;
  const description = first?.description.trim() ?? '';
  const details = [description, first?.claimedImpact ? `Impact: ${first.claimedImpact.trim()}` : ''].filter(Boolean).join('\n\n');
  const summary = (/^[\s\S]*?[.!?](\s|$)/.exec(description)?.[0] ?? description).trim().slice(0, 500);

  const products: AdvisoryProduct[] = [];
  const vendorOf = new Map<string, DraftSource['vendors'][number] | undefined>();
  for (const { record: f } of s.findings) {
    const target = productTarget(f, s.vendors, warnings);
    if (!target) continue;
    if (products.some((p) => p.purl === target.purl && p.name === target.name && p.versions === target.versions)) continue;
    const product: AdvisoryProduct = { id: `AICC-PID-${products.length + 1}`, ...target.product };
    products.push(product);
    vendorOf.set(product.id, target.vendor);
  }

  const remediations: Remediation[] = [];
  for (const v of s.vendors) {
    const mine = products.filter((p) => vendorOf.get(p.id) === v);
    if (!mine.length) continue;
    if (v.status === 'not_affected') {
      for (const p of mine) p.status = 'known_not_affected';
      warnings.push(`${v.name} states it is not affected${v.statement ? `: ${v.statement}` : ''}; its products are known_not_affected (add a justification)`);
    } else if (v.status === 'fixed') {
      remediations.push({ category: 'vendor_fix', details: v.statement ?? `${v.name} reports a fix.`, url: null, productIds: mine.map((p) => p.id) });
      warnings.push(`${v.name} reports a fix: add the fixed version as a fixed product`);
    }
  }

  const cwes: Advisory['cwes'] = [];
  for (const raw of new Set(s.findings.flatMap((f) => f.record.cwes))) {
    const id = /^(?:CWE-)?([1-9][0-9]*)$/i.exec(raw.trim());
    const name = id ? cweName(`CWE-${id[1]}`) : null;
    if (!id || name === null) warnings.push(`CWE '${raw}' is not in the CWE catalogue; left out`);
    else if (!cwes.some((c) => c.id === `CWE-${id[1]}`)) cwes.push({ id: `CWE-${id[1]}`, name });
  }

  const aliases = [...new Set(s.findings.flatMap((f) => f.record.aliases))].filter((a) => a !== s.cve && a !== s.id);
  const acknowledgments: Acknowledgment[] = [...s.reporters]
    .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))
    .map((r) => ({ name: r.name, organization: r.name, summary: `first reported ${new Date(r.firstSeen).toISOString().slice(0, 10)}` }));
  const now = s.now.toISOString();
  const release = s.embargoEnd ? new Date(s.embargoEnd).toISOString() : now;
  return {
    advisory: {
      id: s.id, title: s.title, summary, details, tlp: 'CLEAR', status: 'draft',
      initialReleaseDate: release, currentReleaseDate: release,
      // CSAF 6.1.17: a document at version 0 is a draft
      revisions: [{ number: '0', date: now, summary: 'Draft.' }],
      cve: s.cve, aliases, cwes, scores: [], products, remediations,
      references: [{ url: `${s.publicUrl}/advisories/${s.id}`, summary: 'This advisory', category: 'self' }],
      acknowledgments, publisher: s.publisher,
    },
    warnings,
  };
}

interface Target {
  purl: string | null;
  name: string;
  versions: string;
  vendor: DraftSource['vendors'][number] | undefined;
  product: Omit<AdvisoryProduct, 'id'>;
}

function productTarget(f: Finding, vendors: DraftSource['vendors'], warnings: string[]): Target | null {
  const purl = f.purl ? withoutVersion(f.purl) : null;
  const parsed = purl ? parsePurl(purl) : null;
  const where = purl ?? f.repository;
  if (!where) {
    warnings.push(`finding ${f.externalId} names no package or repository; no product for it`);
    return null;
  }
  // the most specific maintainer: `pkg:npm/acme-widget` over `pkg:npm/acme-`
  const longest = (v: DraftSource['vendors'][number]): number => Math.max(-1, ...v.prefixes.filter((p) => where.startsWith(p)).map((p) => p.length));
  const vendor = vendors.filter((v) => longest(v) >= 0).sort((a, b) => longest(b) - longest(a))[0];
  const components = parsed?.ok ? parsed.purl : null;
  const repoPath = !components && URL.canParse(where) ? new URL(where).pathname.split('/').filter(Boolean) : [];
  const name = components?.name ?? repoPath.at(-1) ?? where;
  const vendorName = vendor?.name ?? components?.namespace ?? repoPath[0] ?? name;
  const scheme = components?.type ?? 'generic';
  const versions = readVersions(f.affectedVersions, scheme);
  if (!versions) warnings.push(`finding ${f.externalId}: affected versions '${f.affectedVersions ?? ''}' could not be read; ${name} is under_investigation for all versions`);
  const v = versions ?? `vers:${scheme}/*`;
  return { purl, name, versions: v, vendor, product: { vendor: vendorName, name, purl, cpe: null, versions: v, status: versions ? 'known_affected' : 'under_investigation' } };
}

/** A vers that parses, a native range of the package's ecosystem, or one plain version. */
function readVersions(raw: string | null, scheme: string): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const direct = canonicalVersions(text);
  if (direct) return direct;
  const native = versFromNative(scheme, text);
  // some converters are lenient (Maven reads "some old ones" as the version "someoldones"): a
  // conversion counts only when every version it found is written as such in the text
  if (!native.ok || !native.vers.constraints.every((c) => c.comparator === '*' || text.includes(c.version))) return null;
  return toString(native.vers);
}
