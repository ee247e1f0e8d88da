/**
 * An incident (`/incidents/:incidentId`): its status, impact, publisher, offers affected (each
 * with its status page) and its updates, oldest first. Its publisher's users who manage incidents
 * post updates — a message with the same or a later status, as the API's rule allows; resolving
 * is final and asks first — and the publisher (and the operator) see whom it reached.
 */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import type { Incident } from '../../api/types.ts';
import { fieldErrors } from '../../app/errors.ts';
import { useCan, useViewer } from '../../app/session.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../components/ui.tsx';
import { IMPACT_TONE, LIMITS, nextStatuses, useAddUpdate, useIncident, useKeyFor, useReach, type IncidentStatus } from './incidentsData.ts';

export default function IncidentPage() {
  const intl = useIntl();
  const { incidentId = '' } = useParams();
  const location = useLocation();
  const posted = (location.state as { notice?: string } | null)?.notice === 'posted';
  const incident = useIncident(incidentId);
  const viewer = useViewer();
  const canManage = useCan('incidents.manage');
  if (incident.isPending) return <Loading />;
  if (incident.isError) {
    const t = intl.formatMessage({ id: 'incidents.title' });
    return (
      <>
        <PageTitle title={t}>{t}</PageTitle>
        <ErrorNotice error={incident.error} onRetry={() => void incident.refetch()} />
        <p><Link to="/incidents"><FormattedMessage id="incidents.backToList" /></Link></p>
      </>
    );
  }
  const i = incident.data;
  const own = i.publisher.id === viewer.organization.id;
  const seesReach = own || viewer.organization.kind === 'operator';
  return (
    <div className="incident-page">
      <p className="incidents-breadcrumb"><Link to="/incidents"><FormattedMessage id="incidents.backToList" /></Link></p>
      <PageTitle title={i.title}>{i.title}</PageTitle>
      {posted && <p className="notice notice-success" role="status"><FormattedMessage id="incidents.posted" /></p>}
      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="incident-facts">
            <h2 id="incident-facts"><FormattedMessage id="incidents.facts" /></h2>
            <dl className="facts">
              <dt><FormattedMessage id="incidents.status" /></dt>
              <dd><Badge tone={i.isOpen ? 'warn' : 'good'}><FormattedMessage id={`incidents.status.${i.status}`} /></Badge></dd>
              <dt><FormattedMessage id="incidents.impact" /></dt>
              <dd><Badge tone={IMPACT_TONE[i.impact]}><FormattedMessage id={`incidents.impact.${i.impact}`} /></Badge></dd>
              <dt><FormattedMessage id="incidents.publisher" /></dt>
              <dd>{i.publisher.name}</dd>
              <dt><FormattedMessage id="incidents.offers" /></dt>
              <dd>
                <ul className="inline-list">
                  {i.offers.map((o) => (
                    <li key={o.id}>
                      <Link to={`/status/${encodeURIComponent(o.id)}`} aria-label={intl.formatMessage({ id: 'incidents.offerStatusLink' }, { offer: o.name })}>{o.name}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
              <dt><FormattedMessage id="incidents.startedAt" /></dt>
              <dd><DateTime value={i.startedAt} /></dd>
              {i.resolvedAt && <><dt><FormattedMessage id="incidents.resolvedAt" /></dt><dd><DateTime value={i.resolvedAt} /></dd></>}
            </dl>
          </section>
          <section className="card" aria-labelledby="incident-updates">
            <h2 id="incident-updates"><FormattedMessage id="incidents.updates" /></h2>
            <ol className="timeline">
              {i.updates.map((u) => (
                <li key={u.id} className="timeline-item">
                  <div className="timeline-head">
                    <Badge tone={u.status === 'resolved' ? 'good' : 'warn'}><FormattedMessage id={`incidents.status.${u.status}`} /></Badge>
                    <DateTime value={u.createdAt} />
                  </div>
                  <p className="timeline-body">{u.message}</p>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div>
          {own && canManage && <UpdateForm incident={i} />}
          {seesReach && <Reach incident={i} />}
        </div>
      </div>
    </div>
  );
}

function UpdateForm({ incident }: { incident: Incident }) {
  const intl = useIntl();
  const allowed = nextStatuses(incident.status);
  const [status, setStatus] = useState<IncidentStatus>(allowed[0] ?? 'resolved');
  const [message, setMessage] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<IncidentStatus | null>(null);
  const keyFor = useKeyFor();
  const update = useAddUpdate(incident);

  if (allowed.length === 0) {
    return (
      <section className="card" aria-labelledby="incident-update">
        <h2 id="incident-update"><FormattedMessage id="incidents.update.title" /></h2>
        {done && <p className="notice notice-success" role="status"><FormattedMessage id="incidents.update.resolvedDone" /></p>}
        <p><FormattedMessage id="incidents.update.final" /></p>
      </section>
    );
  }
  const selected = allowed.includes(status) ? status : allowed[0]!;
  const serverMessage = fieldErrors(update.error).message;
  const messageError = invalid ?? serverMessage;

  function send() {
    // The same body on the same version is a retry; a new version (after a conflict) is a new request.
    const body = { status: selected, message: message.trim() };
    update.mutate({ key: keyFor({ ...body, version: incident.version }), body }, {
      onSuccess: () => { setDone(selected); setMessage(''); },
    });
  }
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    update.reset();
    if (!message.trim()) {
      setInvalid(intl.formatMessage({ id: 'incidents.update.messageRequired' }));
      document.getElementById('incident-update-message')?.focus();
      return;
    }
    setInvalid(null);
    if (selected === 'resolved') setConfirming(true);
    else send();
  }
  const conflict = isApiError(update.error) && (update.error.code === 'INCIDENT_VERSION_CONFLICT' || update.error.code === 'INCIDENT_STATUS_CONFLICT');
  return (
    <section className="card" aria-labelledby="incident-update">
      <h2 id="incident-update"><FormattedMessage id="incidents.update.title" /></h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="incident-update-status"><FormattedMessage id="incidents.update.status" /></label>
          <p className="field-hint" id="incident-update-status-hint"><FormattedMessage id="incidents.update.statusHint" /></p>
          <select id="incident-update-status" aria-describedby="incident-update-status-hint" value={selected} onChange={(e) => setStatus(e.target.value as IncidentStatus)}>
            {allowed.map((s) => (
              <option key={s} value={s}>
                {s === incident.status
                  ? intl.formatMessage({ id: 'incidents.update.keep' }, { status: intl.formatMessage({ id: `incidents.status.${s}` }) })
                  : intl.formatMessage({ id: `incidents.status.${s}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="incident-update-message"><FormattedMessage id="incidents.update.message" /></label>
          <p className="field-hint" id="incident-update-message-hint"><FormattedMessage id="incidents.update.messageHint" /></p>
          <textarea id="incident-update-message" rows={4} value={message} maxLength={LIMITS.message} onChange={(e) => setMessage(e.target.value)}
            aria-describedby={`incident-update-message-hint${messageError ? ' incident-update-message-error' : ''}`} aria-invalid={messageError ? true : undefined} />
          {messageError && <p className="field-error" id="incident-update-message-error">{messageError}</p>}
        </div>
        <div className="button-row">
          <button type="submit" className={`button ${selected === 'resolved' ? 'button-primary' : 'button-secondary'}`} disabled={update.isPending}>
            <FormattedMessage id={update.isPending ? 'incidents.update.saving' : selected === 'resolved' ? 'incidents.update.resolve' : 'incidents.update.submit'} />
          </button>
        </div>
        {update.isPending && <p role="status"><FormattedMessage id="incidents.update.saving" /></p>}
        {done && !update.isPending && (
          <p className="notice notice-success" role="status">
            <FormattedMessage id="incidents.update.done" values={{ status: intl.formatMessage({ id: `incidents.status.${done}` }) }} />
          </p>
        )}
        {update.error && !serverMessage ? <ErrorNotice error={update.error} /> : null}
        {conflict && <p className="muted"><FormattedMessage id="incidents.update.reloaded" /></p>}
      </form>
      {confirming && (
        <ConfirmDialog
          isOpen
          onOpenChange={(open) => { if (!open) setConfirming(false); }}
          title={intl.formatMessage({ id: 'incidents.update.confirmTitle' })}
          confirmLabel={intl.formatMessage({ id: 'incidents.update.confirm' })}
          tone="warning"
          onConfirm={send}
        >
          <p><FormattedMessage id="incidents.update.confirmBody" /></p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function Reach({ incident }: { incident: Incident }) {
  const intl = useIntl();
  const [cursors, setCursors] = useState<string[]>([]);
  const reach = useReach(incident.id, true, cursors.at(-1));
  const r = reach.data;
  return (
    <section className="card" aria-labelledby="incident-reach">
      <h2 id="incident-reach"><FormattedMessage id="incidents.reach.title" /></h2>
      {reach.isPending && <Loading />}
      <ErrorNotice error={reach.error} onRetry={() => void reach.refetch()} />
      {r && (
        <>
          <dl className="facts incidents-reach-counts">
            <dt><FormattedMessage id="incidents.reach.partners" /></dt>
            <dd><FormattedNumber value={r.organizations.partners} /></dd>
            <dt><FormattedMessage id="incidents.reach.customers" /></dt>
            <dd><FormattedNumber value={r.organizations.customers} /></dd>
            <dt><FormattedMessage id="incidents.reach.users" /></dt>
            <dd><FormattedNumber value={r.usersNotified} /></dd>
          </dl>
          <p role="status" className={r.pendingEvents > 0 ? 'notice notice-info' : 'muted'}>
            {r.pendingEvents > 0
              ? <FormattedMessage id="incidents.reach.pending" values={{ count: r.pendingEvents }} />
              : <FormattedMessage id="incidents.reach.delivered" values={{ count: r.events }} />}
          </p>
          {r.items.length === 0 ? (
            <EmptyState title={intl.formatMessage({ id: 'incidents.reach.none' })}>
              <p><FormattedMessage id="incidents.reach.noneHint" /></p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="responsive">
                <caption><FormattedMessage id="incidents.reach.caption" /></caption>
                <thead>
                  <tr>
                    <th scope="col"><FormattedMessage id="incidents.reach.col.name" /></th>
                    <th scope="col"><FormattedMessage id="incidents.reach.col.kind" /></th>
                    <th scope="col"><FormattedMessage id="incidents.reach.col.first" /></th>
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((o) => (
                    <tr key={o.id}>
                      <td data-label={intl.formatMessage({ id: 'incidents.reach.col.name' })}>{o.name}</td>
                      <td data-label={intl.formatMessage({ id: 'incidents.reach.col.kind' })}>
                        <FormattedMessage id={`incidents.reach.kind.${o.partnerModel ?? o.kind}`} />
                      </td>
                      <td data-label={intl.formatMessage({ id: 'incidents.reach.col.first' })}><DateTime value={o.firstReachedAt} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            hasNext={Boolean(r.nextCursor)}
            isFirst={cursors.length === 0}
            busy={reach.isFetching}
            onNext={() => { const next = r.nextCursor; if (next) setCursors((c) => [...c, next]); }}
            onFirst={() => setCursors([])}
          />
        </>
      )}
    </section>
  );
}
