/**
 * Indirect relationships (`/admin/relationships`): a provider invites resellers, a reseller accepts
 * or declines, either side ends one (confirmed); the relationships as a filtered, cursor-paged
 * list; one relationship's support split per category, explained in words, which the provider
 * changes (PUT /channel/relationships/:id/split; the API says which categories stay fixed).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey } from '../../../api/client.ts';
import type { Organization, Page, Relationship, RelationshipDetail, SplitRule, UpdateSplitBody } from '../../../api/types.ts';
import { useCan, useViewer } from '../../../app/session.tsx';
import { useLabel } from '../../../components/labels.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';

const RELATIONSHIPS_KEY = ['channel-relationships'] as const;
type Action = 'accept' | 'decline' | 'end';
type Side = 'provider' | 'reseller';
const STATUS_TONE = { invited: 'warn', active: 'good', ended: 'neutral' } as const;

export default function RelationshipsPage() {
  const intl = useIntl();
  const viewer = useViewer();
  const canManage = useCan('channel.manage');
  const list = useUrlList(['status', 'role', 'selected']);
  const { status, role, selected } = list.filters;
  const isProvider = viewer.organization.partnerModel === 'indirect_provider';
  // What the last action on a relationship did (kept here: the row may leave a filtered list).
  const [done, setDone] = useState<string | null>(null);

  const relationships = useQuery({
    queryKey: [...RELATIONSHIPS_KEY, 'list', status, role, list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<Relationship>>('GET', '/channel/relationships', { query: { status: status || undefined, role: role || undefined, cursor: list.cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });
  const title = intl.formatMessage({ id: 'channel.relationships.title' });
  const items = relationships.data?.items ?? [];
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="channel.relationships.intro" /></p>
      {isProvider && canManage && <InviteSection onInvited={(id) => list.apply({ selected: id })} />}

      <section aria-labelledby="relationships-list">
        <h2 id="relationships-list"><FormattedMessage id="channel.relationships.list" /></h2>
        <form className="filters" aria-label={intl.formatMessage({ id: 'channel.relationships.filters' })} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="rel-status"><FormattedMessage id="channel.relationships.status" /></label>
            <select id="rel-status" value={status} onChange={(e) => list.apply({ status: e.target.value })}>
              <option value="">{intl.formatMessage({ id: 'channel.any' })}</option>
              {(['invited', 'active', 'ended'] as const).map((s) => <option key={s} value={s}>{intl.formatMessage({ id: `channel.relationship.${s}` })}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rel-role"><FormattedMessage id="channel.relationships.role" /></label>
            <select id="rel-role" value={role} onChange={(e) => list.apply({ role: e.target.value })}>
              <option value="">{intl.formatMessage({ id: 'channel.any' })}</option>
              <option value="provider">{intl.formatMessage({ id: 'channel.relationships.asProvider' })}</option>
              <option value="reseller">{intl.formatMessage({ id: 'channel.relationships.asReseller' })}</option>
            </select>
          </div>
          {(status || role) && (
            <div className="button-row">
              <button type="button" className="button button-ghost" onClick={() => list.apply({ status: '', role: '' })}><FormattedMessage id="channel.clearFilters" /></button>
            </div>
          )}
        </form>
        {done && <p role="status" className="notice notice-success">{done}</p>}
        {relationships.isPending && <Loading />}
        <ErrorNotice error={relationships.error} onRetry={() => void relationships.refetch()} />
        {relationships.isSuccess && items.length === 0 && (
          <EmptyState title={intl.formatMessage({ id: status || role ? 'channel.relationships.emptyFiltered' : 'channel.relationships.empty' })}>
            <p><FormattedMessage id={isProvider ? 'channel.relationships.emptyHintProvider' : 'channel.relationships.emptyHint'} /></p>
          </EmptyState>
        )}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden"><FormattedMessage id="channel.relationships.caption" /></caption>
              <thead>
                <tr>
                  <th scope="col"><FormattedMessage id="channel.col.counterpart" /></th>
                  <th scope="col"><FormattedMessage id="channel.col.status" /></th>
                  <th scope="col"><FormattedMessage id="channel.col.since" /></th>
                  <th scope="col"><FormattedMessage id="channel.col.actions" /></th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => <RelationshipRow key={r.id} r={r} canManage={canManage} selected={selected === r.id} onDone={setDone} onSelect={() => list.apply({ selected: selected === r.id ? '' : r.id })} />)}
              </tbody>
            </table>
          </div>
        )}
        <Pager hasNext={Boolean(relationships.data?.nextCursor)} isFirst={list.isFirst} busy={relationships.isFetching}
          onNext={() => list.next(relationships.data?.nextCursor)} onFirst={list.first} />
      </section>
      {selected && <SplitSection key={selected} relationshipId={selected} canManage={canManage} />}
    </>
  );
}

function counterpartName(r: Relationship): string {
  const c = r.counterpart ?? (r.viewerSide === 'provider' ? r.reseller : r.provider);
  return c.name ?? c.id;
}

function RelationshipRow({ r, canManage, selected, onSelect, onDone }: { r: Relationship; canManage: boolean; selected: boolean; onSelect: () => void; onDone: (message: string | null) => void }) {
  const intl = useIntl();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const name = counterpartName(r);
  const act = useMutation({
    mutationFn: (action: Action) => api<RelationshipDetail>('POST', `/channel/relationships/${encodeURIComponent(r.id)}/${action}`),
    onSuccess: (data, action) => {
      client.setQueryData([...RELATIONSHIPS_KEY, 'one', r.id], data);
      void client.invalidateQueries({ queryKey: RELATIONSHIPS_KEY });
      onDone(intl.formatMessage({ id: `channel.relationships.done.${action}` }, { name }));
    },
  });
  const actions: Action[] = [];
  if (canManage && r.status === 'invited' && r.viewerSide === 'reseller') actions.push('accept', 'decline');
  if (canManage && r.status !== 'ended' && r.viewerSide) actions.push('end');
  const endLabel = r.status === 'invited' && r.viewerSide === 'provider' ? 'withdraw' : 'end';
  const actionLabel = (a: Action) => intl.formatMessage({ id: `channel.relationships.action.${a === 'end' ? endLabel : a}` });
  return (
    <tr aria-current={selected ? 'true' : undefined}>
      <td data-label={intl.formatMessage({ id: 'channel.col.counterpart' })}>
        <strong>{name}</strong>
        <div className="muted"><FormattedMessage id={r.viewerSide === 'provider' ? 'channel.relationships.theyResell' : r.viewerSide === 'reseller' ? 'channel.relationships.theyProvide' : 'channel.relationships.between'}
          values={{ provider: r.provider.name ?? r.provider.id, reseller: r.reseller.name ?? r.reseller.id }} /></div>
      </td>
      <td data-label={intl.formatMessage({ id: 'channel.col.status' })}>
        <Badge tone={STATUS_TONE[r.status]}><FormattedMessage id={`channel.relationship.${r.status}`} /></Badge>
        {r.endedBy && <div className="muted"><FormattedMessage id={`channel.relationships.endedBy.${r.endedBy}`} /></div>}
      </td>
      <td data-label={intl.formatMessage({ id: 'channel.col.since' })}>
        <div><FormattedMessage id="channel.relationships.invitedAt" />: <DateTime value={r.invitedAt} /></div>
        {r.acceptedAt && <div><FormattedMessage id="channel.relationships.acceptedAt" />: <DateTime value={r.acceptedAt} /></div>}
        {r.endedAt && <div><FormattedMessage id="channel.relationships.endedAt" />: <DateTime value={r.endedAt} /></div>}
      </td>
      <td data-label={intl.formatMessage({ id: 'channel.col.actions' })}>
        <div className="button-row">
          <button type="button" className="button button-secondary" aria-expanded={selected} onClick={onSelect}>
            <FormattedMessage id={selected ? 'channel.relationships.hideSplit' : 'channel.relationships.showSplit'} values={{ name }} />
          </button>
          {actions.map((a) => (
            <button key={a} type="button" className={a === 'accept' ? 'button button-primary' : 'button button-secondary'} disabled={act.isPending}
              onClick={() => { onDone(null); if (a === 'accept') act.mutate(a); else setConfirming(a); }}>
              {actionLabel(a)}
            </button>
          ))}
        </div>
        {act.isPending && <p role="status" className="muted"><FormattedMessage id="channel.saving" /></p>}
        <ErrorNotice error={act.error} />
        <ConfirmDialog
          isOpen={confirming !== null}
          onOpenChange={(open) => { if (!open) setConfirming(null); }}
          title={intl.formatMessage({ id: `channel.relationships.confirm.${confirming === 'decline' ? 'decline' : endLabel}.title` }, { name })}
          confirmLabel={confirming ? actionLabel(confirming) : ''}
          tone="warning"
          onConfirm={() => { if (confirming) act.mutate(confirming); }}
        >
          <p><FormattedMessage id={`channel.relationships.confirm.${confirming === 'decline' ? 'decline' : endLabel}.text`} values={{ name }} /></p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

function InviteSection({ onInvited }: { onInvited: (id: string) => void }) {
  const intl = useIntl();
  const client = useQueryClient();
  const [resellerId, setResellerId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<string | null>(null);
  const partners = useQuery({
    queryKey: ['organizations', 'partners'],
    queryFn: ({ signal }) => api<Page<Organization>>('GET', '/organizations', { query: { kind: 'partner', limit: 100 }, signal }),
  });
  const resellers = (partners.data?.items ?? []).filter((o) => o.partnerModel === 'indirect_reseller');
  const invite = useMutation({
    mutationFn: (id: string) => api<RelationshipDetail>('POST', '/channel/relationships', { body: { resellerId: id }, idempotencyKey: key }),
    onSuccess: (data) => {
      void client.invalidateQueries({ queryKey: RELATIONSHIPS_KEY });
      setDone(intl.formatMessage({ id: 'channel.invite.done' }, { name: data.reseller.name ?? data.reseller.id }));
      setResellerId('');
      setKey(newIdempotencyKey());
      onInvited(data.id);
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!resellerId) { setError(intl.formatMessage({ id: 'channel.invite.required' })); return; }
    setError(null);
    invite.mutate(resellerId);
  }
  return (
    <section className="card" aria-labelledby="relationships-invite">
      <h2 id="relationships-invite"><FormattedMessage id="channel.invite.title" /></h2>
      <p className="field-hint"><FormattedMessage id="channel.invite.hint" /></p>
      {partners.isPending && <Loading />}
      <ErrorNotice error={partners.error} onRetry={() => void partners.refetch()} />
      {partners.data && (
        <form className="channel-inline-form" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="invite-reseller"><FormattedMessage id="channel.invite.reseller" /></label>
            <select id="invite-reseller" value={resellerId} aria-invalid={Boolean(error)} aria-describedby="invite-reseller-error"
              onChange={(e) => { setResellerId(e.target.value); setError(null); setKey(newIdempotencyKey()); }}>
              <option value="">{intl.formatMessage({ id: 'channel.invite.choose' })}</option>
              {resellers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.inGoodStanding ? o.name : intl.formatMessage({ id: 'channel.invite.notInGoodStanding' }, { name: o.name })}
                </option>
              ))}
            </select>
            {error && <p id="invite-reseller-error" className="field-error">{error}</p>}
          </div>
          <button type="submit" className="button button-primary" disabled={invite.isPending}>
            <FormattedMessage id={invite.isPending ? 'channel.invite.sending' : 'channel.invite.submit'} />
          </button>
        </form>
      )}
      {invite.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="channel.invite.sending" /></p>}
      {done && !invite.isPending && <p className="notice notice-success" role="status">{done}</p>}
      <ErrorNotice error={invite.error} />
    </section>
  );
}

function SplitSection({ relationshipId, canManage }: { relationshipId: string; canManage: boolean }) {
  const intl = useIntl();
  const label = useLabel();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: [...RELATIONSHIPS_KEY, 'one', relationshipId],
    queryFn: ({ signal }) => api<RelationshipDetail>('GET', `/channel/relationships/${encodeURIComponent(relationshipId)}`, { signal }),
    retry: false,
  });
  const [draft, setDraft] = useState<Record<string, SplitRule>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (split: UpdateSplitBody['split']) => api<RelationshipDetail>('PUT', `/channel/relationships/${encodeURIComponent(relationshipId)}/split`, { body: { split } }),
    onSuccess: (data) => {
      client.setQueryData([...RELATIONSHIPS_KEY, 'one', relationshipId], data);
      void client.invalidateQueries({ queryKey: ['routing-decision'] });
      setDraft({});
      setSaved(true);
    },
  });
  const r = detail.data;
  const editable = Boolean(r && canManage && r.viewerSide === 'provider' && r.status !== 'ended');
  const side = (s: Side) => (r ? (s === 'provider' ? r.provider.name ?? r.provider.id : r.reseller.name ?? r.reseller.id) : s);
  const rules = (r?.split ?? []).map((rule) => draft[rule.category] ?? rule);
  const changed = rules.filter((rule) => {
    const stored = r?.split.find((s) => s.category === rule.category);
    return stored && (stored.firstContact !== rule.firstContact || stored.handler !== rule.handler);
  });
  const change = (rule: SplitRule, field: 'firstContact' | 'handler', value: Side) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [rule.category]: { ...rule, [field]: value } }));
  };
  const sideLabel = (s: Side) => intl.formatMessage({ id: `channel.split.side.${s}` }, { name: side(s) });
  return (
    <section className="card" aria-labelledby="relationship-split">
      <h2 id="relationship-split">
        {r ? <FormattedMessage id="channel.split.title" values={{ provider: side('provider'), reseller: side('reseller') }} /> : <FormattedMessage id="channel.split.titleLoading" />}
      </h2>
      {detail.isPending && <Loading />}
      <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
      {r && (
        <form onSubmit={(e) => { e.preventDefault(); if (changed.length > 0) save.mutate(changed.map(({ category, firstContact, handler }) => ({ category, firstContact, handler }))); }}>
          <p className="field-hint"><FormattedMessage id={editable ? 'channel.split.hintProvider' : 'channel.split.hint'} /></p>
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden"><FormattedMessage id="channel.split.caption" /></caption>
              <thead>
                <tr>
                  <th scope="col"><FormattedMessage id="channel.col.category" /></th>
                  <th scope="col"><FormattedMessage id="channel.col.firstContact" /></th>
                  <th scope="col"><FormattedMessage id="channel.col.handler" /></th>
                  <th scope="col"><FormattedMessage id="channel.col.inWords" /></th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => {
                  const cat = label('category', rule.category);
                  return (
                    <tr key={rule.category}>
                      <th scope="row">{cat}</th>
                      <td data-label={intl.formatMessage({ id: 'channel.col.firstContact' })}>
                        {editable ? (
                          <select aria-label={intl.formatMessage({ id: 'channel.split.firstContactFor' }, { category: cat })} value={rule.firstContact}
                            onChange={(e) => change(rule, 'firstContact', e.target.value as Side)} disabled={save.isPending}>
                            <option value="provider">{label('party', 'provider')}</option>
                            <option value="reseller">{label('party', 'reseller')}</option>
                          </select>
                        ) : sideLabel(rule.firstContact)}
                      </td>
                      <td data-label={intl.formatMessage({ id: 'channel.col.handler' })}>
                        {editable ? (
                          <select aria-label={intl.formatMessage({ id: 'channel.split.handlerFor' }, { category: cat })} value={rule.handler}
                            onChange={(e) => change(rule, 'handler', e.target.value as Side)} disabled={save.isPending}>
                            <option value="provider">{label('party', 'provider')}</option>
                            <option value="reseller">{label('party', 'reseller')}</option>
                          </select>
                        ) : sideLabel(rule.handler)}
                      </td>
                      <td data-label={intl.formatMessage({ id: 'channel.col.inWords' })}>
                        <FormattedMessage id={rule.firstContact === rule.handler ? 'channel.split.wordsSame' : 'channel.split.wordsDifferent'}
                          values={{ category: cat, first: side(rule.firstContact), handler: side(rule.handler), provider: side('provider') }} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="field-hint"><FormattedMessage id="channel.split.escalation" values={{ provider: side('provider') }} /></p>
          {editable && (
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={save.isPending || changed.length === 0}>
                <FormattedMessage id={save.isPending ? 'channel.saving' : 'channel.split.save'} />
              </button>
              {changed.length > 0 && !save.isPending && (
                <>
                  <span className="muted"><FormattedMessage id="channel.split.unsaved" values={{ count: changed.length }} /></span>
                  <button type="button" className="button button-ghost" onClick={() => setDraft({})}><FormattedMessage id="channel.split.discard" /></button>
                </>
              )}
            </div>
          )}
          {save.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="channel.saving" /></p>}
          {saved && !save.isPending && changed.length === 0 && <p className="notice notice-success" role="status"><FormattedMessage id="channel.split.saved" /></p>}
          <ErrorNotice error={save.error} />
        </form>
      )}
    </section>
  );
}
