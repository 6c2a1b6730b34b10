import type { ReactNode } from 'react';
import { EpssBadge, KevBadge, SeverityBadge, TlpBadge } from '../badges.js';
import { formatDate, formatDateTime } from '../format.js';
import { canKeepInventories } from '../inventories/inventoryModel.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import type { VulnDetail } from '../types.js';
import { AffectedInventories } from './AffectedInventories.js';
import { AffectedPackages } from './AffectedPackages.js';
import { AffectedProducts } from './AffectedProducts.js';
import { Credits } from './Credits.js';
import { DetailsText } from './DetailsText.js';
import { EpssPanel } from './EpssPanel.js';
import { IdLinks } from './IdLinks.js';
import { KevPanel } from './KevPanel.js';
import { References } from './References.js';
import { SeveritiesTable } from './SeveritiesTable.js';
import { SsvcPanel } from './SsvcPanel.js';
import { Weaknesses } from './Weaknesses.js';

/** One knowledge-base record, everything the API knows about it. */
export function VulnDetailView({ vuln }: { vuln: VulnDetail }) {
  const { user } = useSession();
  return (
    <article className="vuln-detail">
      <BackToList />
      {vuln.withdrawn ? (
        <div className="banner banner-withdrawn" role="status">
          <strong>Withdrawn</strong> on {formatDate(vuln.withdrawn)}. This record is kept for reference; it should no longer be acted on.
        </div>
      ) : null}
      <header className="detail-head">
        <div className="detail-title">
          <h1>{vuln.id}</h1>
          <div className="badge-row">
            <SeverityBadge severity={vuln.severity} score={vuln.maxScore} />
            {vuln.kev ? <KevBadge /> : null}
            {vuln.epss ? <EpssBadge score={vuln.epss.score} percentile={vuln.epss.percentile} /> : null}
            {vuln.tlp ? <TlpBadge tlp={vuln.tlp} /> : null}
          </div>
        </div>
        <p className="detail-summary">{vuln.summary || <span className="muted">No summary</span>}</p>
        <dl className="meta">
          <div>
            <dt>Published</dt>
            <dd>{formatDateTime(vuln.published)}</dd>
          </div>
          <div>
            <dt>Modified</dt>
            <dd>{formatDateTime(vuln.modified)}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{vuln.source}</dd>
          </div>
          <div>
            <dt>Aliases</dt>
            <dd>
              <IdLinks ids={vuln.aliases} />
            </dd>
          </div>
          {vuln.related.length > 0 ? (
            <div>
              <dt>Related</dt>
              <dd>
                <IdLinks ids={vuln.related} />
              </dd>
            </div>
          ) : null}
        </dl>
      </header>

      <div className="detail-grid">
        <div className="detail-main">
          {/* First for those who keep inventories: whether this record concerns them is what they came to learn. */}
          {user && canKeepInventories(user) ? (
            <Section title="Your affected inventories">
              <AffectedInventories vulnId={vuln.id} ownOrg={user.org.slug} />
            </Section>
          ) : null}
          <Section title="Details">
            <DetailsText text={vuln.details} />
          </Section>
          <Section title="Severity">
            <SeveritiesTable severities={vuln.severities} />
          </Section>
          <Section title="Affected packages">
            <AffectedPackages affected={vuln.affected} />
          </Section>
          {vuln.products.length > 0 ? (
            <Section title="Affected products">
              <AffectedProducts products={vuln.products} />
            </Section>
          ) : null}
          <Section title="References">
            <References references={vuln.references} />
          </Section>
        </div>
        <aside className="detail-side" aria-label="Exploitation and weaknesses">
          <Section title="Known exploitation (CISA KEV)">
            <KevPanel kev={vuln.kev} />
          </Section>
          <Section title="EPSS">
            <EpssPanel epss={vuln.epss} />
          </Section>
          <Section title="SSVC decision points">
            <SsvcPanel ssvc={vuln.ssvc} />
          </Section>
          <Section title="Weaknesses (CWE)">
            <Weaknesses cwes={vuln.cwes} />
          </Section>
          {vuln.credits.length > 0 ? (
            <Section title="Credits">
              <Credits credits={vuln.credits} />
            </Section>
          ) : null}
        </aside>
      </div>
    </article>
  );
}

export function BackToList() {
  return (
    <p className="back">
      <Link to={paths.vulns()}>← All vulnerabilities</Link>
    </p>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card detail-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
