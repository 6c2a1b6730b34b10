import { useCallback } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import type { CaseDetail, User } from '../types.js';
import { useResource } from '../useResource.js';
import { AdvisoryLink } from './AdvisoryLink.js';
import { disclosureApi } from './disclosureApi.js';
import { EmbargoCard } from './EmbargoCard.js';
import { IdentifiersCard } from './IdentifiersCard.js';
import { MessagesCard } from './MessagesCard.js';
import { ParticipantsCard } from './ParticipantsCard.js';
import { VendorActions } from './VendorActions.js';

/** Coordinated disclosure of a confirmed case: who takes part, the embargo, the vendor's answer, messages, identifiers. */
export function DisclosurePanel({ detail, user, onChanged }: { detail: CaseDetail; user: User; onChanged: (message: string) => void }) {
  const participants = useResource((signal) => disclosureApi.participants(detail.id, signal), [detail.id]);
  const embargo = useResource((signal) => disclosureApi.embargo(detail.id, signal), [detail.id]);
  const reloadParticipants = participants.reload;
  const reloadEmbargo = embargo.reload;
  const changed = useCallback(
    (message: string) => {
      reloadParticipants();
      reloadEmbargo();
      onChanged(message);
    },
    [reloadParticipants, reloadEmbargo, onChanged],
  );
  const analyst = detail.access === 'analyst';
  const list = participants.data ?? [];
  const ownVendor = detail.access === 'vendor' ? (list.find((p) => p.role === 'vendor' && p.org.slug === user.org.slug) ?? null) : null;

  return (
    <section className="disclosure" aria-labelledby="disclosure-title" data-testid="disclosure">
      <h2 id="disclosure-title" className="section-title">
        Disclosure
      </h2>
      <ErrorNotice error={participants.error} title="Could not load the participants" />
      <AdvisoryLink caseId={detail.id} analyst={analyst} />
      <ParticipantsCard caseId={detail.id} participants={list} analyst={analyst} loading={participants.loading} onChanged={changed} />
      {ownVendor ? <VendorActions caseId={detail.id} vendor={ownVendor} onChanged={changed} /> : null}
      <EmbargoCard caseId={detail.id} answer={embargo.data} error={embargo.error} analyst={analyst} party={analyst ? 'coordinator' : (ownVendor?.org.slug ?? null)} onChanged={changed} />
      <MessagesCard caseId={detail.id} participants={list} ownVendor={ownVendor?.org.slug ?? null} analyst={analyst} />
      <IdentifiersCard caseId={detail.id} analyst={analyst} />
    </section>
  );
}
