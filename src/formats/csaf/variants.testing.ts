import type { Advisory, AdvisoryScore, NotAffectedJustification } from '../../domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import { scoreCvss, severityRating } from '../../domain/cvss.js';
import { TLP_LABELS } from '../../domain/tlp.js';

/** A score as the advisory model holds it: computed from its vector, never typed in. */
export function score(vector: string): AdvisoryScore {
  const r = scoreCvss(vector);
  if (!r.ok || (r.version !== '3.1' && r.version !== '4.0')) throw new Error(`bad test vector ${vector}`);
  return { version: r.version, vector: r.vector, baseScore: r.baseScore, severity: severityRating(r.baseScore).toUpperCase() as AdvisoryScore['severity'] };
}

const JUSTIFICATIONS: NotAffectedJustification[] = [
  'component_not_present', 'vulnerable_code_not_present', 'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path', 'inline_mitigations_already_exist',
];

/**
 * Advisories that exercise what the two samples do not: each TLP label, CSAF 2.0's single `cwe`
 * and CVSS 3.1-only `scores`, product trees that do not nest neatly, purls that need encoding,
 * every justification, and the optional parts left empty. Each is valid for CSAF's mandatory tests.
 */
export function csafVariants(): Record<string, Advisory> {
  const base = packageAdvisory();
  return {
    ...Object.fromEntries(TLP_LABELS.map((tlp) => [`TLP ${tlp}`, { ...firmwareAdvisory(), tlp }])),
    'several CWEs': { ...base, cwes: [...base.cwes, { id: 'CWE-20', name: 'Improper Input Validation' }, { id: 'CWE-116', name: 'Improper Encoding or Escaping of Output' }] },
    'several CVSS 3.1 scores': {
      ...base,
      scores: [score('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'), score('CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N'), score('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N')],
    },
    'interleaved vendors, encoded purls, a product without vendor or versions': {
      ...base,
      products: [
        { id: 'P-a1', vendor: 'Acme', name: '@acme/a', purl: 'pkg:npm/%40acme/a', cpe: null, versions: '1.0.0+build.1', status: 'fixed' },
        { id: 'P-b', vendor: 'Beta', name: 'openssl', purl: 'pkg:deb/debian/openssl?arch=amd64&distro=debian-12', cpe: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', versions: '3.0.11-1~deb12u2', status: 'known_affected' },
        { id: 'P-a2', vendor: 'Acme', name: '@acme/a', purl: 'pkg:npm/%40acme/a', cpe: null, versions: 'vers:npm/<1.0.0', status: 'known_affected' },
        { id: 'P-c', vendor: '', name: 'c-tool', purl: null, cpe: null, versions: '', status: 'under_investigation' },
      ],
      remediations: [{ category: 'vendor_fix', details: 'Upgrade.', url: null, productIds: ['P-a2', 'P-b'] }],
    },
    'every justification': {
      ...base,
      products: [
        base.products[0]!,
        ...JUSTIFICATIONS.map((justification, i) => ({
          id: `P-na-${i}`, vendor: 'Acme', name: `plugin-${i}`, purl: null, cpe: null, versions: '1.0', status: 'known_not_affected' as const, justification,
        })),
      ],
    },
    'optional parts empty': {
      ...firmwareAdvisory(),
      summary: '',
      cve: null,
      aliases: [],
      cwes: [],
      scores: [],
      references: [],
      acknowledgments: [],
      remediations: [{ category: 'none_available', details: 'No fix is available yet.', url: null, productIds: ['AICC-PID-1', 'AICC-PID-2'] }],
    },
  };
}
