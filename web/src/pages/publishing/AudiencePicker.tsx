/**
 * Choosing who may resell an offer: any partner, specific partners (shown to partners as
 * exclusive; a searchable list of partner organizations), or none. Controlled by its caller.
 */
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorNotice, Loading } from '../../components/ui.tsx';
import { AUDIENCES, usePartners } from './data.ts';

type Audience = (typeof AUDIENCES)[number];

export function AudiencePicker({ idPrefix, audience, onAudience, authorized, onAuthorized, locked = [], error }: {
  idPrefix: string;
  audience: Audience;
  onAudience: (a: Audience) => void;
  authorized: string[];
  onAuthorized: (ids: string[]) => void;
  /** Partners that can't be taken off the list (they have resold the offer), when known. */
  locked?: string[];
  error?: string;
}) {
  const intl = useIntl();
  const partners = usePartners(audience === 'specific');
  const [filter, setFilter] = useState('');
  const shown = (partners.data ?? []).filter((p) => p.name.toLowerCase().includes(filter.trim().toLowerCase()) || authorized.includes(p.id));
  return (
    <>
      <fieldset className="field">
        <legend><FormattedMessage id="publishing.audience.legend" /></legend>
        {AUDIENCES.map((a) => (
          <label key={a} className="radio">
            <input type="radio" name={`${idPrefix}-audience`} value={a} checked={audience === a} onChange={() => onAudience(a)}
              aria-describedby={`${idPrefix}-audience-${a}-hint`} />
            <span>
              <strong><FormattedMessage id={`publishing.audience.${a}`} /></strong>
              <span id={`${idPrefix}-audience-${a}-hint`} className="publishing-muted"> — <FormattedMessage id={`publishing.audience.${a}Hint`} /></span>
            </span>
          </label>
        ))}
      </fieldset>
      {audience === 'specific' && (
        <fieldset className="field publishing-partners">
          <legend><FormattedMessage id="publishing.audience.partners" /></legend>
          <p className="field-hint"><FormattedMessage id="publishing.audience.partnersHint" values={{ count: authorized.length }} /></p>
          <div className="field publishing-narrow">
            <label htmlFor={`${idPrefix}-partner-filter`}><FormattedMessage id="publishing.audience.partnerFilter" /></label>
            <input id={`${idPrefix}-partner-filter`} type="search" value={filter} maxLength={200} onChange={(e) => setFilter(e.target.value)} />
          </div>
          {partners.isPending && <Loading />}
          <ErrorNotice error={partners.error} onRetry={() => void partners.refetch()} />
          <ul className="publishing-checklist">
            {shown.map((p) => {
              const isLocked = locked.includes(p.id) && authorized.includes(p.id);
              return (
                <li key={p.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={authorized.includes(p.id)} disabled={isLocked}
                      onChange={(e) => onAuthorized(e.target.checked ? [...authorized, p.id] : authorized.filter((id) => id !== p.id))} />
                    <span>{p.name}
                      {p.partnerModel && <span className="publishing-muted"> · {intl.formatMessage({ id: `customers.partnerModel.${p.partnerModel}` })}</span>}
                      {isLocked && <span className="publishing-muted"> · <FormattedMessage id="publishing.audience.resold" /></span>}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {partners.isSuccess && shown.length === 0 && <p className="publishing-muted"><FormattedMessage id="publishing.audience.noPartners" /></p>}
        </fieldset>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </>
  );
}
