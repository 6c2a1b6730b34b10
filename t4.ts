import { startTestServer } from './test/server.ts';
const t0 = performance.now();
const s = await startTestServer();
console.log('started', (performance.now()-t0).toFixed(0), s.url);
for (const path of ['/api/v1/health', '/api/v1/ready', '/api/v1/vulnerabilities?q=log4j', '/api/v1/vulnerabilities/GHSA-jfh8-c2jp-5v3q', '/api/v1/vulnerabilities/CVE-2021-44228', '/api/v1/vulnerabilities?id=CVE-2021-44228&kev=true', '/api/v1/vulnerabilities?severity=critical', '/api/v1/orgs']) {
  const r = await fetch(s.url + path); console.log(path, r.status, (await r.text()).slice(0, 600));
}
await s.close();
