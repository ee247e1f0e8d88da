/**
 * A case (`/cases/:caseId`): its header, the thread with each message's visibility, the composer
 * (a public reply warns first that the customer will see it), attachments, why it is where it is
 * (the routing rules in the viewer's language), the actions the API allows, each party's SLA
 * clocks, the history and the linked incident. Every change sends the case's ETag as If-Match.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, apiUrl } from '../../api/client.ts';
import type { Case, CaseMessage, OfferCaseView, OfferDetails } from '../../api/types.ts';
import { useLocale } from '../../i18n/i18n.tsx';
import { ClockBadge, SeverityBadge, StatusBadge, useLabel } from '../../components/labels.tsx';
import { ConfirmDialog, DateTime, ErrorNotice, Loading, PageTitle, Pager, Progress } from '../../components/ui.tsx';
import { CaseActions, CaseError, orgName } from './CaseActions.tsx';
import { newIdempotencyKey, useCase, useEvents, useMessages, usePost, type Post } from './caseData.ts';

export default function CasePage() {
  const { caseId = '' } = useParams();
  const intl = useIntl();
  const query = useCase(caseId);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageTitle title={intl.formatMessage({ id: 'case.title' })}><FormattedMessage id="case.title" /></PageTitle>
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        <p><Link to="/cases"><FormattedMessage id="case.backToCases" /></Link></p>
      </>
    );
  }
  const value = query.data.data;
  return (
    <div className="case-page">
      <CaseHeader value={value} />
      <div className="grid-2">
        <div className="case-main">
          <Thread value={value} />
          <Composer value={value} />
          <History value={value} />
        </div>
        <div className="case-side">
          <CaseActions value={value} />
          <Routing value={value} />
          <Clocks value={value} />
          <Participants value={value} />
        </div>
      </div>
    </div>
  );
}

function CaseHeader({ value }: { value: Case }) {
  const intl = useIntl();
  const label = useLabel();
  return (
    <header className="card case-header">
      <PageTitle title={value.title}>{value.title}</PageTitle>
      <p className="case-badges">
        <StatusBadge status={value.status} /> <SeverityBadge severity={value.severity} /> <span className="badge badge-neutral">{label('category', value.category)}</span>
      </p>
      <dl className="facts">
        <dt><FormattedMessage id="case.header.status" /></dt><dd>{label('status', value.status)}</dd>
        <dt><FormattedMessage id="case.header.severity" /></dt><dd>{label('severity', value.severity)}</dd>
        <dt><FormattedMessage id="case.header.category" /></dt><dd>{label('category', value.category)}</dd>
        <dt><FormattedMessage id="case.header.customer" /></dt><dd>{value.customer?.name ?? intl.formatMessage({ id: 'case.header.noCustomer' })}</dd>
        <dt><FormattedMessage id="case.header.offer" /></dt><dd>{value.offerId ? <OfferName id={value.offerId} /> : intl.formatMessage({ id: 'common.none' })}</dd>
        <dt><FormattedMessage id="case.header.holder" /></dt><dd>{value.holder.name ?? value.holder.id}</dd>
        <dt><FormattedMessage id="case.header.assignee" /></dt><dd>{value.assignee ? (value.assignee.name ?? value.assignee.userId) : intl.formatMessage({ id: 'case.header.unassigned' })}</dd>
        <dt><FormattedMessage id="case.header.responsible" /></dt><dd>{value.responsible.name ?? value.responsible.id}</dd>
        <dt><FormattedMessage id="case.header.externalReference" /></dt><dd>{value.externalReference ?? intl.formatMessage({ id: 'common.none' })}</dd>
        <dt><FormattedMessage id="case.header.opened" /></dt><dd><DateTime value={value.createdAt} /></dd>
        <dt><FormattedMessage id="case.header.incident" /></dt>
        <dd>{value.incidentId ? <Link to={`/incidents/${value.incidentId}`}><FormattedMessage id="case.header.incidentLink" /></Link> : intl.formatMessage({ id: 'common.none' })}</dd>
      </dl>
    </header>
  );
}

/** The offer's name (its product details or case-work view), else its id. */
function OfferName({ id }: { id: string }) {
  const offer = useQuery({ queryKey: ['offer', id], retry: false, staleTime: 300_000, queryFn: () => api<OfferDetails | OfferCaseView>('GET', `/offers/${id}`) });
  return <>{offer.data?.name ?? id}</>;
}

const VISIBILITY_MARK: Record<CaseMessage['visibility'], string> = { public: '◉', partners: '◐', internal: '◌' };

function Thread({ value }: { value: Case }) {
  const intl = useIntl();
  const label = useLabel();
  const messages = useMessages(value.id);
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="case-thread">
      <h2 id="case-thread"><FormattedMessage id="case.thread.title" /></h2>
      {messages.isPending ? <Loading /> : messages.isError ? <ErrorNotice error={messages.error} onRetry={() => void messages.refetch()} />
        : (
            <ol className="thread">
              <li className="message message-public" aria-label={intl.formatMessage({ id: 'case.thread.questionLabel' }, { org: orgName(value, value.requester.orgId), visibility: label('visibility', 'public') })}>
                <div className="message-head">
                  <strong><FormattedMessage id="case.thread.question" values={{ org: orgName(value, value.requester.orgId) }} /></strong>
                  <span className="visibility visibility-public"><span aria-hidden="true">{VISIBILITY_MARK.public} </span>{label('visibility', 'public')}</span>
                  <DateTime value={value.createdAt} />
                </div>
                <p className="message-body">{value.description}</p>
              </li>
              {items.map((m) => (
                <li key={m.id} className={`message message-${m.visibility}`} aria-label={intl.formatMessage({ id: 'case.thread.messageLabel' }, { org: m.author.orgName ?? m.author.orgId, visibility: label('visibility', m.visibility) })}>
                  <div className="message-head">
                    <strong>{m.author.orgName ?? m.author.orgId}</strong>
                    <span className={`visibility visibility-${m.visibility}`}><span aria-hidden="true">{VISIBILITY_MARK[m.visibility]} </span>{label('visibility', m.visibility)}</span>
                    <DateTime value={m.createdAt} />
                  </div>
                  <p className="message-body">{m.body}</p>
                  {m.attachments.length > 0 && (
                    <ul className="attachments" aria-label={intl.formatMessage({ id: 'case.thread.attachments' })}>
                      {m.attachments.map((a) => (
                        <li key={a.id}>
                          <a href={apiUrl(`/cases/${value.id}/attachments/${a.id}`)} download={a.fileName}>
                            <FormattedMessage id="case.thread.download" values={{ name: a.fileName, size: intl.formatNumber(a.sizeBytes / 1024, { maximumFractionDigits: 1 }) }} />
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          )}
      {!messages.isPending && items.length === 0 && <p className="muted"><FormattedMessage id="case.thread.emptyHint" /></p>}
      {messages.hasNextPage && (
        <Button className="button button-secondary" isDisabled={messages.isFetchingNextPage} onPress={() => void messages.fetchNextPage()}>
          <FormattedMessage id={messages.isFetchingNextPage ? 'common.loading' : 'case.thread.more'} />
        </Button>
      )}
    </section>
  );
}

function Composer({ value }: { value: Case }) {
  const intl = useIntl();
  const can = (a: string) => value.allowedActions.some((x) => x.action === a);
  const canReply = can('reply');
  const canNote = can('note');
  const canAttach = can('attach');
  const [kind, setKind] = useState<'reply' | 'note'>(canReply ? 'reply' : 'note');
  const [body, setBody] = useState('');
  const [awaiting, setAwaiting] = useState(false);
  const [visibility, setVisibility] = useState<'internal' | 'partners'>('internal');
  const [files, setFiles] = useState<File[]>([]);
  const [key, setKey] = useState(newIdempotencyKey);
  const [confirming, setConfirming] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [progress, setProgress] = useState<{ file: string; share: number } | null>(null);
  const [sent, setSent] = useState(false);
  const post = usePost(value.id, (file, share) => setProgress({ file, share }));
  if (!canReply && !canNote) return null;
  const mode = kind === 'reply' && canReply ? 'reply' : canNote ? 'note' : 'reply';
  // A public reply reaches the customer when there is one and it is not the viewer's own organization.
  const customerSees = mode === 'reply' && value.customer !== null && !value.yourRelations.includes('customer');

  const send = () => {
    const p: Post = mode === 'reply' ? { kind: 'reply', body: body.trim(), awaitingCustomer: awaiting && can('reply_awaiting_customer') } : { kind: 'note', body: body.trim(), visibility };
    setSent(false);
    post.mutate({ post: p, files, key }, {
      onSuccess: () => { setBody(''); setFiles([]); setAwaiting(false); setKey(newIdempotencyKey()); setSent(true); },
      onSettled: () => setProgress(null),
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) { setInvalid(true); return; }
    setInvalid(false);
    if (customerSees) setConfirming(true);
    else send();
  };

  return (
    <section className="card" aria-labelledby="case-composer">
      <h2 id="case-composer"><FormattedMessage id="case.composer.title" /></h2>
      <form className="form" onSubmit={submit} noValidate>
        {canReply && canNote && (
          <fieldset className="field">
            <legend><FormattedMessage id="case.composer.kind" /></legend>
            <label className="radio"><input type="radio" name="case-kind" checked={mode === 'reply'} onChange={() => setKind('reply')} /> <FormattedMessage id="case.composer.reply" /></label>
            <label className="radio"><input type="radio" name="case-kind" checked={mode === 'note'} onChange={() => setKind('note')} /> <FormattedMessage id="case.composer.note" /></label>
          </fieldset>
        )}
        {mode === 'note' && (
          <div className="field">
            <label htmlFor="case-visibility"><FormattedMessage id="case.composer.visibility" /></label>
            <select id="case-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as 'internal' | 'partners')}>
              <option value="internal">{intl.formatMessage({ id: 'enum.visibility.internal' })}</option>
              <option value="partners">{intl.formatMessage({ id: 'enum.visibility.partners' })}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="case-body"><FormattedMessage id={mode === 'reply' ? 'case.composer.replyLabel' : 'case.composer.noteLabel'} /></label>
          <textarea id="case-body" value={body} maxLength={20000} onChange={(e) => setBody(e.target.value)} aria-invalid={invalid} aria-describedby="case-body-hint" />
          <p id="case-body-hint" className={customerSees ? 'field-hint case-warn' : 'field-hint'}>
            <FormattedMessage id={mode === 'reply' ? (customerSees ? 'case.composer.replyHint' : 'case.composer.replyHintCustomer') : visibility === 'internal' ? 'case.composer.noteHintInternal' : 'case.composer.noteHintPartners'} />
          </p>
          {invalid && <p className="field-error" role="alert"><FormattedMessage id="case.composer.bodyRequired" /></p>}
        </div>
        {mode === 'reply' && can('reply_awaiting_customer') && (
          <label className="checkbox"><input type="checkbox" checked={awaiting} onChange={(e) => setAwaiting(e.target.checked)} /> <FormattedMessage id="case.composer.awaiting" /></label>
        )}
        {canAttach && (
          <div className="field">
            <label htmlFor="case-files"><FormattedMessage id="case.composer.files" /></label>
            <input id="case-files" type="file" multiple onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
            <p className="field-hint"><FormattedMessage id="case.composer.filesHint" /></p>
          </div>
        )}
        {progress && <Progress label={intl.formatMessage({ id: 'case.composer.uploading' }, { name: progress.file })} value={progress.share} />}
        <CaseError error={post.error} caseId={value.id} onReload={() => post.reset()} />
        <p role="status" className="case-done">{sent ? intl.formatMessage({ id: mode === 'reply' ? 'case.composer.sentReply' : 'case.composer.sentNote' }) : ''}</p>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={post.isPending}>
            {post.isPending ? <FormattedMessage id="case.composer.sending" /> : <FormattedMessage id={mode === 'reply' ? 'case.composer.sendReply' : 'case.composer.sendNote'} />}
          </button>
        </div>
      </form>
      <ConfirmDialog isOpen={confirming} onOpenChange={setConfirming} tone="warning"
        title={intl.formatMessage({ id: 'case.composer.warnTitle' })} confirmLabel={intl.formatMessage({ id: 'case.composer.warnConfirm' })} onConfirm={send}>
        <p><FormattedMessage id="case.composer.warnBody" values={{ customer: value.customer?.name ?? intl.formatMessage({ id: 'enum.party.customer' }) }} /></p>
        {awaiting && <p><FormattedMessage id="case.composer.warnAwaiting" /></p>}
      </ConfirmDialog>
    </section>
  );
}

function Routing({ value }: { value: Case }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const unknown = intl.formatMessage({ id: 'case.routing.unknownOrg' });
  return (
    <section className="card" aria-labelledby="case-routing">
      <h2 id="case-routing"><FormattedMessage id="case.routing.title" /></h2>
      {value.routing.rules.length === 0 ? <p className="muted"><FormattedMessage id="case.routing.none" /></p> : (
        <ol className="routing-rules">
          {value.routing.rules.map((r) => <li key={r.code}>{locale === 'ko' ? r.ko : r.en}</li>)}
        </ol>
      )}
      {value.routing.escalationPath.length > 0 && (
        <p><FormattedMessage id="case.routing.path" values={{ path: value.routing.escalationPath.map((id) => orgName(value, id, unknown)).join(' → ') }} /></p>
      )}
    </section>
  );
}

function Minutes({ value }: { value: number }) {
  return <FormattedMessage id="case.sla.minutes" values={{ hours: Math.floor(value / 60), minutes: value % 60 }} />;
}

function Clocks({ value }: { value: Case }) {
  const intl = useIntl();
  const label = useLabel();
  const { locale } = useLocale();
  const col = (id: string) => intl.formatMessage({ id });
  return (
    <section className="card" aria-labelledby="case-sla">
      <h2 id="case-sla"><FormattedMessage id="case.sla.title" /></h2>
      {value.sla.length === 0 ? <p className="muted"><FormattedMessage id="case.sla.none" /></p> : (
        <ul className="list">
          {value.sla.map((c) => (
            <li key={`${c.party.orgId}-${c.target}`}>
              <p className="case-clock-head"><strong>{c.party.name ?? c.party.orgId}</strong> · {label('target', c.target)} <ClockBadge status={c.status} /></p>
              <dl className="facts">
                <dt>{col('case.sla.target')}</dt><dd><Minutes value={c.targetMinutes} />{c.aroundTheClock ? ` · ${col('case.sla.aroundTheClock')}` : ''}</dd>
                <dt>{col('case.sla.elapsed')}</dt><dd><Minutes value={c.elapsedMinutes} /></dd>
                <dt>{col('case.sla.remaining')}</dt><dd><Minutes value={c.remainingMinutes} /></dd>
                <dt>{col('case.sla.dueAt')}</dt><dd><DateTime value={c.dueAt} /></dd>
                <dt>{col('case.sla.status')}</dt><dd>{label('clock', c.status)}</dd>
                <dt>{col('case.sla.policy')}</dt><dd>{locale === 'ko' ? c.policy.why.ko : c.policy.why.en} ({c.policy.timeZone})</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Participants({ value }: { value: Case }) {
  const label = useLabel();
  return (
    <section className="card" aria-labelledby="case-participants">
      <h2 id="case-participants"><FormattedMessage id="case.participants.title" /></h2>
      <ul className="list">
        {value.participants.map((p) => <li key={`${p.id}-${p.role}`}>{p.name ?? p.id} · {label('party', p.role)}</li>)}
      </ul>
    </section>
  );
}

function History({ value }: { value: Case }) {
  const intl = useIntl();
  const label = useLabel();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const events = useEvents(value.id, cursor);
  const typeLabel = (t: string) => (intl.messages[`case.event.${t}`] ? intl.formatMessage({ id: `case.event.${t}` }) : t);
  return (
    <section className="card" aria-labelledby="case-history">
      <h2 id="case-history"><FormattedMessage id="case.history.title" /></h2>
      {events.isPending ? <Loading /> : events.isError ? <ErrorNotice error={events.error} onRetry={() => void events.refetch()} /> : events.data.items.length === 0
        ? <p className="muted"><FormattedMessage id="case.history.empty" /></p>
        : (
          <div className="table-wrap">
            <table className="responsive">
              <thead><tr><th scope="col">{intl.formatMessage({ id: 'case.history.when' })}</th><th scope="col">{intl.formatMessage({ id: 'case.history.what' })}</th><th scope="col">{intl.formatMessage({ id: 'case.history.who' })}</th><th scope="col">{intl.formatMessage({ id: 'case.history.visibility' })}</th></tr></thead>
              <tbody>
                {events.data.items.map((e) => (
                  <tr key={e.id}>
                    <td data-label={intl.formatMessage({ id: 'case.history.when' })}><DateTime value={e.createdAt} /></td>
                    <td data-label={intl.formatMessage({ id: 'case.history.what' })}>{typeLabel(e.type)}{typeof e.data.reason === 'string' ? ` — ${e.data.reason}` : ''}</td>
                    <td data-label={intl.formatMessage({ id: 'case.history.who' })}>{orgName(value, e.actor.orgId)}</td>
                    <td data-label={intl.formatMessage({ id: 'case.history.visibility' })}>{label('visibility', e.visibility)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <Pager hasNext={Boolean(events.data?.nextCursor)} isFirst={cursors.length === 1} busy={events.isFetching}
        onNext={() => { if (events.data?.nextCursor) setCursors([...cursors, events.data.nextCursor]); }} onFirst={() => setCursors([null])} />
    </section>
  );
}
