/**
 * API tokens (`/admin/tokens`): the organization's tokens (GET /tokens, cursor pages) with their
 * roles, last use and expiry; creating one (POST /tokens: name, roles, days until it expires),
 * whose secret is shown once with a copy button; revoking one (DELETE /tokens/:id, confirmed).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey } from '../../../api/client.ts';
import type { ApiToken, Page } from '../../../api/types.ts';
import { fieldErrors } from '../../../app/errors.ts';
import { useCan, useViewer } from '../../../app/session.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';
import { IdentityError, rolesOfKind, useRoleName, type Role } from '../users/identityUi.tsx';

const TOKENS_KEY = ['tokens'] as const;
const MAX_DAYS = 365;
/** The answer of POST /tokens (an inline schema of identity.routes.ts): the secret, once, and the token. */
interface CreatedToken { token: string; info: ApiToken }

export default function TokensPage() {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'tokens.title' });
  const canManage = useCan('users.manage');
  if (!canManage) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <EmptyState title={intl.formatMessage({ id: 'users.notAllowed' })}><p><FormattedMessage id="users.notAllowedHint" /></p></EmptyState>
      </>
    );
  }
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="tokens.intro" /></p>
      <CreateToken />
      <TokenList />
    </>
  );
}

function CreateToken() {
  const intl = useIntl();
  const client = useQueryClient();
  const viewer = useViewer();
  const roleName = useRoleName();
  const held = rolesOfKind(viewer.organization.kind).filter((r) => viewer.user.roles.includes(r));
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(held);
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState<{ name?: string; roles?: string; days?: string }>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; roles: Role[]; expiresInDays: number }) => api<CreatedToken>('POST', '/tokens', { body, idempotencyKey: key }),
    onSuccess: (t) => { void client.invalidateQueries({ queryKey: TOKENS_KEY }); setCreated(t); setCopied(null); setName(''); setKey(newIdempotencyKey()); },
  });
  const server = fieldErrors(create.error);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    const n = Number(days);
    if (!name.trim()) next.name = intl.formatMessage({ id: 'tokens.nameRequired' });
    if (roles.length === 0) next.roles = intl.formatMessage({ id: 'tokens.rolesRequired' });
    if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) next.days = intl.formatMessage({ id: 'tokens.daysInvalid' }, { max: MAX_DAYS });
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) { document.getElementById(`tc-${first}`)?.focus(); return; }
    create.mutate({ name: name.trim(), roles, expiresInDays: n });
  }
  async function copy() {
    if (!created) return;
    try { await navigator.clipboard.writeText(created.token); setCopied(true); } catch { setCopied(false); }
  }
  const nameError = errors.name ?? server.name;
  const daysError = errors.days ?? server.expiresInDays;
  const rolesError = errors.roles ?? server.roles;
  return (
    <section className="card" aria-labelledby="tc-title">
      <h2 id="tc-title"><FormattedMessage id="tokens.create" /></h2>
      {created ? (
        <div className="notice notice-warning" role="status" aria-labelledby="tc-secret-title">
          <h3 id="tc-secret-title"><FormattedMessage id="tokens.createdTitle" values={{ name: created.info.name }} /></h3>
          <p><strong><FormattedMessage id="tokens.onceWarning" /></strong></p>
          <div className="field">
            <label htmlFor="tc-secret"><FormattedMessage id="tokens.secret" /></label>
            <input id="tc-secret" readOnly value={created.token} onFocus={(e) => e.target.select()} spellCheck={false} />
          </div>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => void copy()}><FormattedMessage id="tokens.copy" /></button>
            <button type="button" className="button button-secondary" onClick={() => { setCreated(null); setCopied(null); }}><FormattedMessage id="tokens.done" /></button>
          </div>
          {copied === true && <p className="muted"><FormattedMessage id="tokens.copied" /></p>}
          {copied === false && <p className="field-error"><FormattedMessage id="tokens.copyFailed" /></p>}
        </div>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <div className="filters">
            <div className="field">
              <label htmlFor="tc-name"><FormattedMessage id="tokens.name" /></label>
              <input id="tc-name" maxLength={200} autoComplete="off" value={name} aria-invalid={Boolean(nameError)} aria-describedby={nameError ? 'tc-name-error' : undefined}
                onChange={(e) => { setName(e.target.value); setErrors((x) => ({ ...x, name: undefined })); setKey(newIdempotencyKey()); }} />
              {nameError && <p id="tc-name-error" className="field-error">{nameError}</p>}
            </div>
            <div className="field">
              <label htmlFor="tc-days"><FormattedMessage id="tokens.days" /></label>
              <input id="tc-days" type="number" inputMode="numeric" min={1} max={MAX_DAYS} value={days} aria-invalid={Boolean(daysError)}
                aria-describedby={`tc-days-hint${daysError ? ' tc-days-error' : ''}`}
                onChange={(e) => { setDays(e.target.value); setErrors((x) => ({ ...x, days: undefined })); setKey(newIdempotencyKey()); }} />
              <p id="tc-days-hint" className="field-hint"><FormattedMessage id="tokens.daysHint" values={{ max: MAX_DAYS }} /></p>
              {daysError && <p id="tc-days-error" className="field-error">{daysError}</p>}
            </div>
          </div>
          <fieldset className="field" aria-describedby={`tc-roles-hint${rolesError ? ' tc-roles-error' : ''}`}>
            <legend><FormattedMessage id="tokens.roles" /></legend>
            <p id="tc-roles-hint" className="field-hint"><FormattedMessage id="tokens.rolesHint" /></p>
            {held.map((role, i) => (
              <label key={role} className="checkbox">
                <input type="checkbox" id={i === 0 ? 'tc-roles' : undefined} checked={roles.includes(role)}
                  onChange={(e) => { setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role)); setErrors((x) => ({ ...x, roles: undefined })); setKey(newIdempotencyKey()); }} />
                {roleName(role)}
              </label>
            ))}
            {rolesError && <p id="tc-roles-error" className="field-error">{rolesError}</p>}
          </fieldset>
          <IdentityError error={Object.keys(server).length > 0 ? null : create.error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              <FormattedMessage id={create.isPending ? 'tokens.creating' : 'tokens.submit'} />
            </button>
          </div>
          {create.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="tokens.creating" /></p>}
        </form>
      )}
    </section>
  );
}

function TokenList() {
  const intl = useIntl();
  const client = useQueryClient();
  const roleName = useRoleName();
  const list = useUrlList([]);
  const tokens = useQuery({
    queryKey: [...TOKENS_KEY, 'list', list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<ApiToken>>('GET', '/tokens', { query: { cursor: list.cursor, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (t: ApiToken) => api<ApiToken>('DELETE', `/tokens/${encodeURIComponent(t.id)}`),
    onSuccess: (t) => { void client.invalidateQueries({ queryKey: TOKENS_KEY }); setDone(intl.formatMessage({ id: 'tokens.revoked' }, { name: t.name })); },
  });
  const items = tokens.data?.items ?? [];
  const now = tokens.dataUpdatedAt;
  const state = (t: ApiToken) => (t.revokedAt ? 'revokedState' : new Date(t.expiresAt).getTime() <= now ? 'expired' : 'active');
  return (
    <section aria-labelledby="tl-title">
      <h2 id="tl-title"><FormattedMessage id="tokens.list" /></h2>
      {tokens.isPending && <Loading />}
      <ErrorNotice error={tokens.error} onRetry={() => void tokens.refetch()} />
      {revoke.isPending && <p className="muted" role="status"><FormattedMessage id="tokens.revoking" /></p>}
      {done && !revoke.isPending && <p className="notice notice-success" role="status">{done}</p>}
      <IdentityError error={revoke.error} />
      {tokens.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'tokens.empty' })}><p><FormattedMessage id="tokens.emptyHint" /></p></EmptyState>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="tokens.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="tokens.col.name" /></th>
                <th scope="col"><FormattedMessage id="tokens.col.roles" /></th>
                <th scope="col"><FormattedMessage id="tokens.col.status" /></th>
                <th scope="col"><FormattedMessage id="tokens.col.lastUsed" /></th>
                <th scope="col"><FormattedMessage id="tokens.col.expires" /></th>
                <th scope="col"><FormattedMessage id="tokens.col.actions" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => {
                const s = state(t);
                return (
                  <tr key={t.id}>
                    <th scope="row">{t.name}<div className="muted"><code>{t.prefix}…</code></div></th>
                    <td data-label={intl.formatMessage({ id: 'tokens.col.roles' })}>{intl.formatList(t.roles.map(roleName), { type: 'conjunction' })}</td>
                    <td data-label={intl.formatMessage({ id: 'tokens.col.status' })}>
                      <Badge tone={s === 'active' ? 'good' : s === 'expired' ? 'warn' : 'neutral'}><FormattedMessage id={`tokens.${s}`} /></Badge>
                    </td>
                    <td data-label={intl.formatMessage({ id: 'tokens.col.lastUsed' })}>
                      {t.lastUsedAt ? <DateTime value={t.lastUsedAt} /> : <FormattedMessage id="tokens.neverUsed" />}
                    </td>
                    <td data-label={intl.formatMessage({ id: 'tokens.col.expires' })}><DateTime value={t.revokedAt ?? t.expiresAt} /></td>
                    <td data-label={intl.formatMessage({ id: 'tokens.col.actions' })}>
                      {s === 'active' && (
                        <button type="button" className="button button-secondary" disabled={revoke.isPending} onClick={() => { setDone(null); setRevoking(t); }}>
                          <FormattedMessage id="tokens.revoke" values={{ name: t.name }} />
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(tokens.data?.nextCursor)} isFirst={list.isFirst} busy={tokens.isFetching} onNext={() => list.next(tokens.data?.nextCursor)} onFirst={list.first} />
      <ConfirmDialog isOpen={revoking !== null} onOpenChange={(open) => { if (!open) setRevoking(null); }} tone="warning"
        title={intl.formatMessage({ id: 'tokens.confirmTitle' }, { name: revoking?.name ?? '' })}
        confirmLabel={intl.formatMessage({ id: 'tokens.confirm' })} onConfirm={() => { if (revoking) revoke.mutate(revoking); }}>
        <p><FormattedMessage id="tokens.confirmText" values={{ name: revoking?.name ?? '' }} /></p>
      </ConfirmDialog>
    </section>
  );
}
