/**
 * A notification as people and machines read it: e-mail subject, text and HTML, and the webhook's
 * JSON. Titles, summaries, remediation text, asset and package names come from reporters,
 * advisories and subscribers: nothing here trusts them (control and bidi characters removed,
 * HTML escaped, only http(s) links made clickable).
 */
import type { AffectedComponent, Notification, NotificationKind, NotifiedAsset, PriorityOutcome } from '../../domain/notification.js';
import type { Tlp } from '../../domain/tlp.js';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** FIRST TLP 2.0: the label, then what it allows, before the information it covers. */
const TLP_MEANING: Record<Tlp, string> = {
  CLEAR: 'Recipients can spread this to the world, there is no limit on disclosure.',
  GREEN: 'Limited disclosure, recipients can spread this within their community.',
  AMBER: 'Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.',
  'AMBER+STRICT': 'Limited disclosure, restricted to participants\u2019 organization only.',
  RED: 'For the eyes and ears of individual recipients only, no further disclosure.',
};

/** TLP 2.0 colours (text on black) */
const TLP_COLOUR: Record<Tlp, string> = { CLEAR: '#FFFFFF', GREEN: '#33FF00', AMBER: '#FFC000', 'AMBER+STRICT': '#FFC000', RED: '#FF2B2B' };

const WHY: Record<NotificationKind, string> = {
  published: 'Advisory published',
  updated: 'Advisory updated',
  kev: 'Added to the CISA Known Exploited Vulnerabilities catalog',
  epss: 'Exploit prediction (EPSS) rose',
  sbom: 'An uploaded SBOM matches',
  'pre-notice': 'Pre-notification: the vulnerability is still under embargo',
  digest: 'Digest',
};

const MAX_SUBJECT = 200;

// C0/C1 controls (tab and newline kept), and the bidi controls that can make text read differently than it is
// eslint-disable-next-line no-control-regex -- these are exactly the characters being removed
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function clean(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim();
}

/** remediation and workaround texts: long enough for instructions, short enough for a mailbox */
const MAX_PARAGRAPH = 10_000;

function paragraph(value: string, fallback: string): string {
  const text = clean(value);
  if (!text) return fallback;
  return text.length > MAX_PARAGRAPH ? `${text.slice(0, MAX_PARAGRAPH - 1)}\u2026` : text;
}

function oneLine(value: string, max = 300): string {
  const line = clean(value).replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function outcome(p: Pick<PriorityOutcome, 'cisa' | 'bod' | 'deployer'>): string | null {
  return p.cisa ?? p.bod ?? p.deployer;
}

function dueText(p: PriorityOutcome): string {
  if (p.due === null) return p.bod ? `no date (${oneLine(p.bod, 80)})` : 'no due date';
  return p.binding ? `${p.due}, required by BOD 26-04` : `${p.due}, the BOD 26-04 timeline as guidance (it binds federal civilian agencies)`;
}

function priorityLine(p: PriorityOutcome): string {
  const parts = [p.cisa && `CISA: ${oneLine(p.cisa, 40)}`, p.deployer && `deployer: ${oneLine(p.deployer, 40)}`, p.bod && `BOD 26-04: ${oneLine(p.bod, 80)}`];
  return parts.filter(Boolean).join(' \u00b7 ') || 'no priority computed';
}

function componentLine(c: AffectedComponent): string {
  const [nearest, ...others] = c.fixed.map((v) => oneLine(v, 80));
  const fix = nearest === undefined ? 'no fixed version known' : `${nearest}${others.length ? ` (also ${others.join(', ')})` : ''}`;
  return `${oneLine(c.package, 300)} ${oneLine(c.installed, 80)} \u2192 ${fix}`;
}

function assetHeading(a: NotifiedAsset): string {
  return `${oneLine(a.name, 200)} \u2014 ${oneLine(a.type, 40)}${a.exposed ? ', publicly exposed' : ''}`;
}

function isDigest(n: Notification): boolean {
  return n.kind === 'digest' || n.body.items !== undefined;
}

function httpLink(link: string): string | null {
  const text = oneLine(link, 2048);
  return /^https?:\/\/[^\s]+$/i.test(text) ? text : null;
}

function vulnLabel(n: Notification): string {
  return oneLine(n.body.vulnerability.id || n.vulnId || n.title, 120);
}

function subjectOf(n: Notification): string {
  const head = `[AICC][TLP:${n.tlp}]`;
  if (isDigest(n)) {
    const items = n.body.items ?? [];
    const dues = items.map((i) => i.due).filter((d): d is string => d !== null).sort();
    return oneLine(`${head}[Digest] ${plural(items.length, 'notification')}${dues[0] ? `, first due ${dues[0]}` : ''}`, MAX_SUBJECT);
  }
  const p = n.body.priority;
  const tags = [outcome(p), p.due && `due ${p.due}`].filter(Boolean).map((t) => oneLine(t as string, 80));
  const assets = n.body.assets.length;
  const what = assets ? `${vulnLabel(n)} in ${plural(assets, 'asset')}` : `${vulnLabel(n)}: ${n.title}`;
  return oneLine(`${head}${tags.length ? `[${tags.join(' \u00b7 ')}]` : ''} ${what}`, MAX_SUBJECT);
}

function vulnerabilityFacts(n: Notification): string[] {
  const v = n.body.vulnerability;
  const facts = [
    v.cvss && `CVSS ${oneLine(v.cvss.version, 8)} ${v.cvss.score.toFixed(1)} (${oneLine(v.cvss.vector, 200)})`,
    v.epss !== null && `EPSS ${(v.epss * 100).toFixed(1)}%`,
    v.kev && `in CISA KEV since ${oneLine(v.kev.dateAdded, 20)}`,
  ];
  return facts.filter((f): f is string => typeof f === 'string');
}

/** The model both renderings are written from, so text and HTML always say the same things. */
interface Section {
  heading?: string;
  lines: string[];
  list?: Array<{ title: string; lines: string[]; items: string[] }>;
  paragraph?: string;
  link?: string;
}

function sections(n: Notification): Section[] {
  const b = n.body;
  const out: Section[] = [];
  if (isDigest(n)) {
    const items = b.items ?? [];
    out.push({
      heading: `${plural(items.length, 'notification')}, most urgent first`,
      lines: [],
      list: items.map((i) => {
        const tags = [i.cisa && oneLine(i.cisa, 40), i.due && `due ${i.due}`].filter(Boolean).join(' \u00b7 ');
        return { title: `${tags ? `[${tags}] ` : ''}${oneLine(i.title)}`, lines: [], items: [] };
      }),
    });
  } else {
    const v = b.vulnerability;
    const aliases = v.aliases.map((a) => oneLine(a, 120)).filter(Boolean);
    out.push({
      heading: 'Vulnerability',
      lines: [
        `${oneLine(v.id, 120)}${aliases.length ? ` (also ${aliases.join(', ')})` : ''}`,
        ...(v.summary ? [oneLine(v.summary, 1000)] : []),
        ...(vulnerabilityFacts(n).length ? [vulnerabilityFacts(n).join(' \u00b7 ')] : []),
        `Why now: ${WHY[n.kind]}${b.trigger.detail ? ` \u2014 ${oneLine(b.trigger.detail, 300)}` : ''}`,
      ],
    });
    out.push({ heading: 'What to do, by when', lines: [priorityLine(b.priority), `Due: ${dueText(b.priority)}`] });
  }
  if (b.assets.length) {
    out.push({
      heading: `Affected assets (${b.assets.length})`,
      lines: [],
      list: b.assets.map((a) => ({
        title: assetHeading(a),
        lines: [priorityLine(a), `Due: ${dueText(a)}`],
        items: a.components.map(componentLine),
      })),
    });
  }
  if (!isDigest(n)) {
    out.push({ heading: 'Remediation', lines: [], paragraph: paragraph(b.remediation, 'None published yet.') });
    out.push({ heading: 'Workaround', lines: [], paragraph: paragraph(b.workaround, 'None known.') });
  }
  const link = httpLink(b.link);
  if (link) out.push({ heading: isDigest(n) ? 'Details' : 'Advisory', lines: [], link });
  if (b.capped) out.push({ lines: ['Your immediate-notice limit was reached, so this waited for the digest.'] });
  return out;
}

function footer(n: Notification): string {
  return `AI Cybersecurity Clearinghouse \u00b7 notification ${oneLine(n.id, 40)} \u00b7 ${oneLine(n.createdAt, 40)}`;
}

function toText(n: Notification, parts: Section[]): string {
  const out = [`TLP:${n.tlp}`, TLP_MEANING[n.tlp], '', oneLine(n.title, 500)];
  for (const s of parts) {
    out.push('');
    if (s.heading) out.push(`${s.heading}:`);
    out.push(...s.lines);
    s.list?.forEach((entry, i) => {
      out.push(`${i + 1}. ${entry.title}`, ...entry.lines.map((l) => `   ${l}`), ...entry.items.map((l) => `   - ${l}`));
    });
    if (s.paragraph !== undefined) out.push(s.paragraph);
    if (s.link) out.push(s.link);
  }
  out.push('', '--', footer(n));
  return `${out.join('\n')}\n`;
}

function toHtml(n: Notification, subject: string, parts: Section[]): string {
  const e = escapeHtml;
  const out = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.4">',
    `<p><span style="background:#000;color:${TLP_COLOUR[n.tlp]};font-weight:bold;padding:2px 6px">TLP:${e(n.tlp)}</span> ${e(TLP_MEANING[n.tlp])}</p>`,
    `<h1 style="font-size:1.3em">${e(oneLine(n.title, 500))}</h1>`,
  ];
  for (const s of parts) {
    if (s.heading) out.push(`<h2 style="font-size:1.1em">${e(s.heading)}</h2>`);
    for (const line of s.lines) out.push(`<p>${e(line)}</p>`);
    if (s.list) {
      out.push('<ol>');
      for (const entry of s.list) {
        const lines = entry.lines.map((l) => `<br>${e(l)}`).join('');
        const items = entry.items.length ? `<ul>${entry.items.map((i) => `<li><code>${e(i)}</code></li>`).join('')}</ul>` : '';
        out.push(`<li><strong>${e(entry.title)}</strong>${lines}${items}</li>`);
      }
      out.push('</ol>');
    }
    if (s.paragraph !== undefined) out.push(`<p>${e(s.paragraph).replace(/\n/g, '<br>')}</p>`);
    if (s.link) out.push(`<p><a href="${e(s.link)}">${e(s.link)}</a></p>`);
  }
  out.push(`<hr><p style="color:#666;font-size:0.9em">${e(footer(n))}</p>`, '</body></html>');
  return `${out.join('\n')}\n`;
}

/** The e-mail: TLP label first (subject and first line), then the vulnerability, what to do by when, each asset. */
export function renderText(n: Notification): RenderedMessage {
  const subject = subjectOf(n);
  const parts = sections(n);
  return { subject, text: toText(n, parts), html: toHtml(n, subject, parts) };
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/**
 * The webhook payload: the notification as the pull feed gives it, keys sorted at every level, so
 * the same notification is the same bytes whichever way it was read (jsonb reorders keys).
 */
export function webhookBody(n: Notification): string {
  return JSON.stringify(n, sortKeys);
}
