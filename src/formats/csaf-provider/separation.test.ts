/**
 * The security property of the provider's files: a document of one TLP label is never named in
 * another label's feed, index.txt or changes.csv, nor linked outside its own tree. One test per
 * ordered pair of labels.
 */
import { describe, expect, it } from 'vitest';
import type { Tlp } from '../../domain/tlp.js';
import { providerFiles } from './files.js';
import { changesCsv, indexTxt } from './index-files.js';
import { CSAF_TLP_LABELS, csafTlpLabel, type CsafTlpLabel } from './paths.js';
import { BASE, doc, must, settings } from './provider.testing.js';
import { rolieFeed } from './rolie.js';

const NOW = '2026-02-01T12:00:00Z';
const TLP_OF: Record<CsafTlpLabel, Tlp> = { WHITE: 'CLEAR', GREEN: 'GREEN', AMBER: 'AMBER', RED: 'RED' };
// Each label's document has a distinctive id, title and summary, all of which must stay in its own tree.
const docs = CSAF_TLP_LABELS.map((label) =>
  doc({ id: `SEP-${label}-1`, tlp: TLP_OF[label], title: `title-of-${label}`, summary: `summary-of-${label}`, initialReleaseDate: '2025-04-01T00:00:00Z', currentReleaseDate: '2026-01-01T00:00:00Z' }),
);
const marks = (label: CsafTlpLabel) => [`SEP-${label}-1`, `sep-${label.toLowerCase()}-1`, `title-of-${label}`, `summary-of-${label}`];

const pairs = CSAF_TLP_LABELS.flatMap((own) => CSAF_TLP_LABELS.filter((other) => other !== own).map((other) => [own, other] as const));

describe('TLP separation between the provider’s trees', () => {
  it('maps every TLP label of the fixture to the label it is written under', () => {
    for (const label of CSAF_TLP_LABELS) expect(csafTlpLabel(TLP_OF[label])).toBe(label);
  });

  it.each(pairs)('keeps the TLP:%s document out of the TLP:%s feed, index.txt and changes.csv', (own, other) => {
    const texts = [JSON.stringify(must(rolieFeed(settings(), other, docs, NOW))), must(indexTxt(other, docs)), must(changesCsv(other, docs))];
    for (const text of texts) for (const mark of marks(own)) expect(text).not.toContain(mark);
    // …while the other tree does list its own document, so the check above is not vacuous.
    expect(texts.every((text) => text.includes(`sep-${other.toLowerCase()}-1`))).toBe(true);
  });

  it('links from each tree’s files only into that tree, and marks each file with its tree', () => {
    const files = must(providerFiles(settings(), docs, NOW));
    const treeFiles = files.filter((f) => f.label !== null);
    expect(treeFiles).toHaveLength(3 * CSAF_TLP_LABELS.length);
    for (const file of treeFiles) {
      const tree = `${BASE}/${file.label!.toLowerCase()}/`;
      expect(file.url.startsWith(tree)).toBe(true);
      const ours = (file.content.match(/https:\/\/[^"\s]+/g) ?? []).filter((url) => url.startsWith(BASE));
      if (file.mediaType === 'application/json') expect(ours.length).toBeGreaterThan(1);
      for (const url of ours) expect(url.startsWith(tree), `${url} in ${file.url}`).toBe(true);
    }
  });
});
