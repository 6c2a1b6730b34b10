import { describe, expect, it } from 'vitest';
import { digestNotification, kevNotification } from './fixture.testing.js';
import { renderText, webhookBody } from './render.js';

describe('renderText', () => {
  describe('for a KEV notice to a federal agency', () => {
    const m = renderText(kevNotification());

    it('puts TLP, outcome, due date, vulnerability and asset count in the subject', () => {
      expect(m.subject).toBe('[AICC][TLP:AMBER][Act \u00b7 due 2026-12-05] CVE-2026-12345 in 3 assets');
    });

    it('starts the body with the TLP label, as TLP 2.0 asks', () => {
      expect(m.text.split('\n')[0]).toBe('TLP:AMBER');
      expect(m.text.split('\n')[1]).toMatch(/need-to-know basis within their organization/);
      expect(m.html).toMatch(/<body[^>]*>\n<p><span[^>]*>TLP:AMBER<\/span>/);
    });

    it('lists every asset with its components, installed and fixed versions', () => {
      expect(m.text).toContain('1. patient-portal \u2014 service, publicly exposed');
      expect(m.text).toContain('   - pkg:npm/lodash 4.17.20 \u2192 4.17.21 (also 5.0.0)');
      expect(m.text).toContain('   - pkg:npm/lodash.zipobjectdeep 4.1.0 \u2192 no fixed version known');
      expect(m.text).toContain('2. billing \u2014 application');
      expect(m.text).toContain('3. intranet \u2014 application');
      expect(m.html).toContain('<li><code>pkg:npm/lodash 4.17.20 \u2192 4.17.21 (also 5.0.0)</code></li>');
    });

    it('gives each asset its CISA outcome, BOD timeline and a binding due date', () => {
      expect(m.text).toContain('   CISA: Act \u00b7 deployer: Immediate \u00b7 BOD 26-04: 3 days\n   Due: 2026-12-05, required by BOD 26-04');
      expect(m.text).toContain('   CISA: Attend \u00b7 deployer: Scheduled \u00b7 BOD 26-04: 14 days\n   Due: 2026-12-16, required by BOD 26-04');
      expect(m.text).toContain('   Due: no date (Fix on system upgrade)');
    });

    it('says what the vulnerability is and why the notice comes now', () => {
      expect(m.text).toContain('CVE-2026-12345 (also GHSA-p6mc-m468-83gw, AICC-2026-0042)');
      expect(m.text).toContain('CVSS 3.1 9.8 (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H) \u00b7 EPSS 87.3% \u00b7 in CISA KEV since 2026-12-02');
      expect(m.text).toContain('Why now: Added to the CISA Known Exploited Vulnerabilities catalog \u2014 added to the KEV catalog on 2026-12-02');
    });

    it('carries remediation (with its line breaks), workaround and link', () => {
      expect(m.text).toContain('Remediation:\nUpgrade lodash to 4.17.21 or later.\nRedeploy the affected services.');
      expect(m.text).toContain('Workaround:\nNone known.');
      expect(m.text).toContain('Advisory:\nhttps://aicc.example.org/advisories/AICC-2026-0042');
      expect(m.html).toContain('<p>Upgrade lodash to 4.17.21 or later.<br>Redeploy the affected services.</p>');
      expect(m.html).toContain('<a href="https://aicc.example.org/advisories/AICC-2026-0042">');
    });
  });

  it('calls a non-federal due date guidance', () => {
    const n = kevNotification();
    n.body.priority = { ...n.body.priority, binding: false };
    n.body.assets = n.body.assets.slice(0, 1).map((a) => ({ ...a, binding: false }));
    const m = renderText(n);
    expect(m.subject).toBe('[AICC][TLP:AMBER][Act \u00b7 due 2026-12-05] CVE-2026-12345 in 1 asset');
    expect(m.text).toContain('Due: 2026-12-05, the BOD 26-04 timeline as guidance');
    expect(m.text).not.toContain('required by BOD 26-04');
  });

  it('escapes hostile text in the HTML and keeps it off the subject line', () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const n = kevNotification({ title: `${hostile}\r\nBcc: victim@example.org` });
    n.body.vulnerability.id = 'CVE-2026-1\r\nX-Injected: 1';
    n.body.assets[0]!.name = hostile;
    n.body.assets[0]!.components[0]!.package = `pkg:npm/${hostile}`;
    n.body.remediation = `${hostile}\nstep 2`;
    n.body.link = 'javascript:alert(1)';
    const m = renderText(n);
    expect(m.html).not.toMatch(/<script|<img|onerror=alert\(1\)>|href="javascript/i);
    expect(m.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.text).not.toContain('\r');
    expect(m.text).not.toContain('javascript:');
    expect(m.html).toContain('<title>[AICC][TLP:AMBER]');
  });

  it('removes bidi and control characters that could disguise text', () => {
    const n = kevNotification({ title: 'safe\u202Egpj.exe\u0007' });
    expect(renderText(n).text).toContain('\nsafegpj.exe\n');
  });

  it('renders a digest as its items, most urgent first, with the earliest due date in the subject', () => {
    const m = renderText(digestNotification());
    expect(m.subject).toBe('[AICC][TLP:GREEN][Digest] 2 notifications, first due 2026-12-17');
    expect(m.text.split('\n')[0]).toBe('TLP:GREEN');
    expect(m.text).toContain('2 notifications, most urgent first:\n1. [Attend \u00b7 due 2026-12-17] CVE-2026-2222 in 1 asset\n2. [Track] CVE-2026-3333 in 2 assets');
    expect(m.text).toContain('https://aicc.example.org/portal/notifications');
    expect(m.text).not.toContain('Remediation:');
  });

  it('says when a notice waited because the immediate cap was reached', () => {
    const n = kevNotification();
    n.body.capped = true;
    expect(renderText(n).text).toContain('immediate-notice limit was reached');
    expect(renderText(kevNotification()).text).not.toContain('immediate-notice limit');
  });
});

describe('webhookBody', () => {
  it('is the notification as JSON with keys sorted at every level', () => {
    const n = kevNotification();
    const body = webhookBody(n);
    expect(JSON.parse(body)).toEqual(n);
    expect(body.startsWith('{"body":{"assets":[{"binding":true,"bod":"3 days","cisa":"Act","components":[{"fixed":["4.17.21","5.0.0"],"installed":"4.17.20","package":"pkg:npm/lodash"}')).toBe(true);
    expect(body.endsWith('"tlp":"AMBER","urgency":"immediate","vulnId":"CVE-2026-12345"}')).toBe(true);
  });

  it('gives the same bytes whatever order the keys were read in', () => {
    const n = kevNotification();
    const reversed = JSON.parse(JSON.stringify(n), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as typeof n;
    expect(Object.keys(reversed)).not.toEqual(Object.keys(n));
    expect(webhookBody(reversed)).toBe(webhookBody(n));
  });
});
