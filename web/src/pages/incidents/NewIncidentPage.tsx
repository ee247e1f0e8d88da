/**
 * Post an incident (`/incidents/new`, publishers with incidents.manage): the impact, the offers
 * affected (the publisher's own), a title, the status it starts in and the first message. It
 * reaches the partners holding active subscriptions of those offers (and their customers where
 * the partner lets them hear), so posting asks first. Checked here, checked again by the API,
 * whose refusals are shown by field or as a notice.
 */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { fieldErrors } from '../../app/errors.ts';
import { useCan, useViewer } from '../../app/session.tsx';
import { ConfirmDialog, EmptyState, ErrorNotice, Loading, PageTitle } from '../../components/ui.tsx';
import { INCIDENT_IMPACTS, LIMITS, useKeyFor, useOwnOffers, usePostIncident, type IncidentImpact } from './incidentsData.ts';

const START_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
type StartStatus = (typeof START_STATUSES)[number];
type Field = 'title' | 'impact' | 'offerIds' | 'message';

export default function NewIncidentPage() {
  const intl = useIntl();
  const viewer = useViewer();
  const canManage = useCan('incidents.manage') && viewer.organization.kind === 'publisher';
  const offers = useOwnOffers(canManage ? viewer.organization.id : undefined);
  const post = usePostIncident();
  const navigate = useNavigate();
  const keyFor = useKeyFor();
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState<IncidentImpact | ''>('');
  const [offerIds, setOfferIds] = useState<string[]>([]);
  const [status, setStatus] = useState<StartStatus>('investigating');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [confirming, setConfirming] = useState(false);

  const pageTitle = intl.formatMessage({ id: 'incidents.new.title' });
  if (!canManage) {
    return (
      <>
        <PageTitle title={pageTitle}>{pageTitle}</PageTitle>
        <p className="notice notice-info"><FormattedMessage id="incidents.new.notAllowed" /></p>
        <p><Link to="/incidents"><FormattedMessage id="incidents.backToList" /></Link></p>
      </>
    );
  }

  const server = fieldErrors(post.error);
  const errorOf = (f: Field) => errors[f] ?? server[f];

  function validate(): boolean {
    const e: Partial<Record<Field, string>> = {};
    if (!title.trim()) e.title = intl.formatMessage({ id: 'incidents.new.titleRequired' });
    else if (title.trim().length > LIMITS.title) e.title = intl.formatMessage({ id: 'incidents.new.tooLong' }, { max: LIMITS.title });
    if (!impact) e.impact = intl.formatMessage({ id: 'incidents.new.impactRequired' });
    if (offerIds.length === 0) e.offerIds = intl.formatMessage({ id: 'incidents.new.offersRequired' });
    else if (offerIds.length > LIMITS.offers) e.offerIds = intl.formatMessage({ id: 'incidents.new.offersTooMany' }, { max: LIMITS.offers });
    if (!message.trim()) e.message = intl.formatMessage({ id: 'incidents.new.messageRequired' });
    else if (message.trim().length > LIMITS.message) e.message = intl.formatMessage({ id: 'incidents.new.tooLong' }, { max: LIMITS.message });
    setErrors(e);
    return Object.keys(e).length === 0;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    post.reset();
    if (validate()) setConfirming(true);
    else requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function send() {
    if (!impact) return;
    const body = { title: title.trim(), impact, offerIds, status, message: message.trim() };
    post.mutate({ key: keyFor(body), body }, {
      onSuccess: (incident) => { void navigate(`/incidents/${encodeURIComponent(incident.id)}`, { state: { notice: 'posted' } }); },
    });
  }

  const described = (id: string, f: Field) => `${id}-hint${errorOf(f) ? ` ${id}-error` : ''}`;
  const offerNames = (offers.data ?? []).filter((o) => offerIds.includes(o.id)).map((o) => o.name);
  return (
    <>
      <p className="incidents-breadcrumb"><Link to="/incidents"><FormattedMessage id="incidents.backToList" /></Link></p>
      <PageTitle title={pageTitle}>{pageTitle}</PageTitle>
      <form className="form card incidents-form" onSubmit={onSubmit} noValidate aria-labelledby="incident-new-heading">
        <h2 id="incident-new-heading" className="visually-hidden">{pageTitle}</h2>
        <fieldset className="field" aria-describedby={described('incident-impact', 'impact')} aria-invalid={errorOf('impact') ? true : undefined}>
          <legend><FormattedMessage id="incidents.new.impact" /></legend>
          <p className="field-hint" id="incident-impact-hint"><FormattedMessage id="incidents.new.impactHint" /></p>
          {INCIDENT_IMPACTS.map((i) => (
            <label key={i} className="choice">
              <input type="radio" name="impact" value={i} checked={impact === i} onChange={() => setImpact(i)} />
              <span><FormattedMessage id={`incidents.impact.${i}`} /> — <span className="muted"><FormattedMessage id={`incidents.impactExplain.${i}`} /></span></span>
            </label>
          ))}
          {errorOf('impact') && <p className="field-error" id="incident-impact-error">{errorOf('impact')}</p>}
        </fieldset>

        <fieldset className="field" aria-describedby={described('incident-offers', 'offerIds')}>
          <legend><FormattedMessage id="incidents.new.offers" /></legend>
          <p className="field-hint" id="incident-offers-hint"><FormattedMessage id="incidents.new.offersHint" /></p>
          {offers.isPending && <Loading />}
          <ErrorNotice error={offers.error} onRetry={() => void offers.refetch()} />
          {offers.isSuccess && offers.data.length === 0 && (
            <EmptyState title={intl.formatMessage({ id: 'incidents.new.noOffers' })} />
          )}
          {(offers.data ?? []).map((o) => (
            <label key={o.id} className="choice">
              <input type="checkbox" value={o.id} checked={offerIds.includes(o.id)} aria-invalid={errorOf('offerIds') ? true : undefined}
                onChange={(e) => setOfferIds((ids) => (e.target.checked ? [...ids, o.id] : ids.filter((x) => x !== o.id)))} />
              <span>{o.name}</span>
            </label>
          ))}
          {errorOf('offerIds') && <p className="field-error" id="incident-offers-error">{errorOf('offerIds')}</p>}
        </fieldset>

        <div className="field">
          <label htmlFor="incident-title"><FormattedMessage id="incidents.new.titleLabel" /></label>
          <p className="field-hint" id="incident-title-hint"><FormattedMessage id="incidents.new.titleHint" /></p>
          <input id="incident-title" type="text" value={title} maxLength={LIMITS.title} onChange={(e) => setTitle(e.target.value)}
            aria-describedby={described('incident-title', 'title')} aria-invalid={errorOf('title') ? true : undefined} />
          {errorOf('title') && <p className="field-error" id="incident-title-error">{errorOf('title')}</p>}
        </div>

        <div className="field">
          <label htmlFor="incident-status"><FormattedMessage id="incidents.new.status" /></label>
          <p className="field-hint" id="incident-status-hint"><FormattedMessage id="incidents.new.statusHint" /></p>
          <select id="incident-status" aria-describedby="incident-status-hint" value={status} onChange={(e) => setStatus(e.target.value as StartStatus)}>
            {START_STATUSES.map((s) => <option key={s} value={s}>{intl.formatMessage({ id: `incidents.status.${s}` })}</option>)}
          </select>
        </div>

        <div className="field">
          <label htmlFor="incident-message"><FormattedMessage id="incidents.new.message" /></label>
          <p className="field-hint" id="incident-message-hint"><FormattedMessage id="incidents.new.messageHint" /></p>
          <textarea id="incident-message" rows={5} value={message} maxLength={LIMITS.message} onChange={(e) => setMessage(e.target.value)}
            aria-describedby={described('incident-message', 'message')} aria-invalid={errorOf('message') ? true : undefined} />
          {errorOf('message') && <p className="field-error" id="incident-message-error">{errorOf('message')}</p>}
        </div>

        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={post.isPending}>
            <FormattedMessage id={post.isPending ? 'incidents.new.posting' : 'incidents.new.submit'} />
          </button>
          <Link className="button button-ghost" to="/incidents"><FormattedMessage id="common.cancel" /></Link>
        </div>
        {post.isPending && <p role="status"><FormattedMessage id="incidents.new.posting" /></p>}
        {post.error && Object.keys(server).length === 0 ? <ErrorNotice error={post.error} /> : null}
      </form>
      {confirming && (
        <ConfirmDialog
          isOpen
          onOpenChange={(open) => { if (!open) setConfirming(false); }}
          title={intl.formatMessage({ id: 'incidents.new.confirmTitle' })}
          confirmLabel={intl.formatMessage({ id: 'incidents.new.confirm' })}
          tone="warning"
          onConfirm={send}
        >
          <p><FormattedMessage id="incidents.new.confirmBody" values={{ offers: offerNames.join(', '), count: offerNames.length }} /></p>
        </ConfirmDialog>
      )}
    </>
  );
}
