/**
 * The CSP audience of an offer: who may resell it now, the transition rules, and a change sent to
 * the API, which alone knows who has resold the offer — its refusal names the partners that keep
 * the right. Moving from any partner to specific partners keeps every partner that already resold.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api/client.ts';
import type { Audience, OfferDetails, SetAudienceBody } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ui.tsx';
import { AudiencePicker } from './AudiencePicker.tsx';
import { OFFERS_KEY, offerKey, usePartners } from './data.ts';
import { AudienceBadge } from './parts.tsx';
import { PublishingError, resoldPartnersOf } from './PublishingError.tsx';

export function AudienceTab({ offer }: { offer: OfferDetails }) {
  const intl = useIntl();
  const client = useQueryClient();
  const [audience, setAudience] = useState(offer.cspAudience);
  const [authorized, setAuthorized] = useState<string[]>(offer.authorizedPartnerIds ?? []);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<{ audience: string; added: string[] } | null>(null);
  const partners = usePartners(offer.cspAudience === 'specific' || audience === 'specific');
  const nameOf = (id: string) => partners.data?.find((p) => p.id === id)?.name ?? id;

  const save = useMutation({
    mutationFn: (body: SetAudienceBody) => api<Audience>('PUT', `/offers/${encodeURIComponent(offer.id)}/audience`, { body }),
    onSuccess: (a, body) => {
      const added = a.authorizedPartnerIds.filter((id) => !(body.authorizedPartnerIds ?? []).includes(id));
      setAuthorized(a.authorizedPartnerIds);
      setAudience(a.cspAudience);
      setResult({ audience: a.cspAudience, added });
      void client.invalidateQueries({ queryKey: offerKey(offer.id) });
      void client.invalidateQueries({ queryKey: [...OFFERS_KEY, 'own'] });
    },
  });
  const resold = resoldPartnersOf(save.error).map((p) => p.id);

  const unchanged = audience === offer.cspAudience
    && (audience !== 'specific' || [...authorized].sort().join() === [...(offer.authorizedPartnerIds ?? [])].sort().join());

  function submit() {
    setInvalid(null);
    setResult(null);
    save.reset();
    if (audience !== 'none' && !offer.overview.contacts?.cspProgram?.marketingMaterialsUrl) {
      setInvalid(intl.formatMessage({ id: 'publishing.audience.needsCspContact' }));
      return;
    }
    if (audience === 'specific' && authorized.length === 0) {
      setInvalid(intl.formatMessage({ id: 'publishing.audience.choosePartners' }));
      return;
    }
    // Narrowing who may resell is asked first: partners lose a product they may be selling.
    if (audience === 'none' || (offer.cspAudience === 'any' && audience === 'specific')
      || (offer.cspAudience === 'specific' && audience === 'specific' && (offer.authorizedPartnerIds ?? []).some((id) => !authorized.includes(id)))) {
      setConfirm(true);
      return;
    }
    send();
  }
  function send() {
    save.mutate({ audience, ...(audience === 'specific' ? { authorizedPartnerIds: authorized } : {}) });
  }

  return (
    <section className="card" aria-labelledby="audience-title">
      <h2 id="audience-title"><FormattedMessage id="publishing.tab.audience" /></h2>
      <p>
        <FormattedMessage id="publishing.audience.now" values={{ audience: <AudienceBadge audience={offer.cspAudience} /> }} />
        {offer.cspAudience === 'specific' && (offer.authorizedPartnerIds ?? []).length > 0 && (
          <> <FormattedMessage id="publishing.audience.nowList" values={{ partners: intl.formatList((offer.authorizedPartnerIds ?? []).map(nameOf)) }} /></>
        )}
      </p>
      <div className="notice notice-info">
        <p><strong><FormattedMessage id="publishing.audience.rulesTitle" /></strong></p>
        <ul>
          <li><FormattedMessage id="publishing.audience.rule1" /></li>
          <li><FormattedMessage id="publishing.audience.rule2" /></li>
          <li><FormattedMessage id="publishing.audience.rule3" /></li>
          <li><FormattedMessage id="publishing.audience.rule4" /></li>
        </ul>
      </div>
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <AudiencePicker idPrefix="edit" audience={audience} onAudience={(a) => { setAudience(a); setInvalid(null); }}
          authorized={authorized} onAuthorized={setAuthorized} locked={resold} error={invalid ?? undefined} />
        <PublishingError error={save.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.isPending || unchanged}>
            {save.isPending ? <FormattedMessage id="publishing.form.saving" /> : <FormattedMessage id="publishing.audience.save" />}
          </button>
        </div>
        <div aria-live="polite">
          {save.isPending && <p role="status" className="visually-hidden"><FormattedMessage id="publishing.form.saving" /></p>}
          {result && !save.isPending && (
            <div className="notice notice-success" role="status">
              <p><FormattedMessage id="publishing.audience.saved" values={{ audience: intl.formatMessage({ id: `publishing.audience.${result.audience}` }) }} /></p>
              {result.added.length > 0 && (
                <p><FormattedMessage id="publishing.audience.addedResold" values={{ count: result.added.length, partners: intl.formatList(result.added.map(nameOf)) }} /></p>
              )}
            </div>
          )}
        </div>
      </form>
      <ConfirmDialog isOpen={confirm} onOpenChange={setConfirm} tone="warning"
        title={intl.formatMessage({ id: 'publishing.audience.confirmTitle' })}
        confirmLabel={intl.formatMessage({ id: 'publishing.audience.confirm' })}
        onConfirm={send}>
        <p><FormattedMessage id={audience === 'none' ? 'publishing.audience.confirmNone' : 'publishing.audience.confirmNarrow'} /></p>
      </ConfirmDialog>
    </section>
  );
}
