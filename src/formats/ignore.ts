import type { Problem } from '../domain/errors.js';
import { fail, ok, type Parsed } from './result.js';

/** One accepted risk: a vulnerability (by id or alias), optionally for one package only, optionally until a date. */
export interface IgnoreRule {
  id: string;
  /** versionless purl prefix the rule is limited to, e.g. pkg:npm/lodash */
  purl: string | null;
  /** ISO date (inclusive) after which the rule no longer applies */
  until: string | null;
  reason: string | null;
  line: number;
}

const ID = /^[A-Za-z][A-Za-z0-9._:-]*-[A-Za-z0-9._:-]+$/;

/**
 * `aicc scan --ignore-file`: one rule a line — `ID [pkg:purl] [until=YYYY-MM-DD] [# reason]` —
 * blank lines and `#` comments skipped. Every malformed line is reported with its number.
 */
export function parseIgnoreFile(text: string, file = 'ignore file'): Parsed<IgnoreRule[]> {
  const rules: IgnoreRule[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const hash = raw.indexOf('#');
    const body = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    const reason = hash === -1 ? null : raw.slice(hash + 1).trim() || null;
    if (!body) return;
    const [id, ...rest] = body.split(/\s+/);
    if (!id || !ID.test(id)) {
      problems.push({ file, line, message: `'${id ?? ''}' is not a vulnerability id (such as CVE-2021-44228 or GHSA-…)` });
      return;
    }
    let purl: string | null = null;
    let until: string | null = null;
    for (const word of rest) {
      if (word.startsWith('pkg:') && purl === null) purl = word.split('@')[0]!;
      else if (word.startsWith('until=') && until === null && /^\d{4}-\d{2}-\d{2}$/.test(word.slice(6)) && !Number.isNaN(Date.parse(word.slice(6)))) until = word.slice(6);
      else {
        problems.push({ file, line, message: `unexpected '${word}' (expected a pkg: purl, until=YYYY-MM-DD, or # reason)` });
        return;
      }
    }
    rules.push({ id, purl, until, reason, line });
  });
  return problems.length ? fail(problems) : ok(rules);
}

/** Whether a rule covers a finding on `today` (YYYY-MM-DD). */
export function ignores(rule: IgnoreRule, finding: { id: string; aliases: readonly string[]; purl: string }, today: string): boolean {
  if (rule.until !== null && today > rule.until) return false;
  if (rule.id !== finding.id && !finding.aliases.includes(rule.id)) return false;
  return rule.purl === null || finding.purl === rule.purl || finding.purl.startsWith(`${rule.purl}@`) || finding.purl.startsWith(`${rule.purl}?`);
}
