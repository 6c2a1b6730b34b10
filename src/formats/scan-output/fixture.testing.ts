import type { ScanOutputInput } from './input.js';

/**
 * A scan of a small Go/npm/PyPI service: a KEV-listed critical finding shared by two components,
 * a medium one, an unscored one (many GHSA/PYSEC advisories carry no CVSS) and a low one.
 */
export const SCAN: ScanOutputInput = {
  sbom: { format: 'CycloneDX', specVersion: '1.5', name: 'payments-api', components: 6, unmatchable: 1 },
  results: [
    {
      component: { purl: 'pkg:golang/golang.org/x/net@v0.10.0', name: 'golang.org/x/net', version: 'v0.10.0', direct: true },
      upgrade: '0.17.0',
      vulnerabilities: [
        {
          id: 'GO-2023-2102',
          aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'],
          summary: 'HTTP/2 rapid reset can cause excessive work in net/http',
          fixed: ['0.17.0'],
          cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', baseScore: 7.5 },
          severity: 'high',
          kev: true,
          epss: 0.94,
          cwes: [],
        },
        {
          id: 'GO-2023-1988',
          aliases: ['CVE-2023-3978', 'GHSA-2wrh-6pvc-2jm9'],
          summary: 'Improper rendering of text nodes in golang.org/x/net/html',
          fixed: ['0.13.0'],
          cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N', baseScore: 6.1 },
          severity: 'medium',
          kev: false,
          epss: 0.0012,
          cwes: ['CWE-79'],
        },
      ],
    },
    {
      component: { purl: 'pkg:golang/google.golang.org/grpc@v1.56.2', name: 'google.golang.org/grpc', version: 'v1.56.2', direct: false },
      upgrade: '1.56.3',
      vulnerabilities: [
        {
          id: 'GO-2023-2102',
          aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'],
          summary: 'HTTP/2 rapid reset can cause excessive work in net/http',
          fixed: ['1.56.3', '1.57.1'],
          cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', baseScore: 7.5 },
          severity: 'high',
          kev: true,
          epss: 0.94,
          cwes: [],
        },
      ],
    },
    {
      component: { purl: 'pkg:pypi/jinja2@3.1.2', name: 'jinja2', version: '3.1.2', direct: true },
      upgrade: null,
      vulnerabilities: [
        {
          id: 'PYSEC-2024-0001',
          aliases: [],
          summary: '',
          fixed: [],
          cvss: null,
          severity: null,
          kev: false,
          epss: null,
          cwes: [],
        },
      ],
    },
    {
      component: { purl: 'pkg:npm/%40babel/traverse@7.22.0', name: '@babel/traverse', version: '7.22.0', direct: false },
      upgrade: '7.23.2',
      vulnerabilities: [
        {
          id: 'CVE-2023-45133',
          aliases: ['GHSA-67hx-6x53-jw92'],
          summary: 'Arbitrary code execution when compiling crafted code',
          fixed: ['7.23.2'],
          cvss: { version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', baseScore: 0 },
          severity: 'none',
          kev: false,
          epss: 0.01,
          cwes: [],
        },
      ],
    },
  ],
  unevaluated: [{ component: { purl: 'pkg:npm/commit-pad@1.0.0', name: 'commit-pad', version: '1.0.0' }, ids: ['OSV-GITONLY-0001'] }],
};

/** A scan that found nothing. */
export const CLEAN: ScanOutputInput = {
  sbom: { format: 'SPDX', specVersion: 'SPDX-2.3', name: null, components: 3, unmatchable: 0 },
  results: [],
  unevaluated: [],
};
