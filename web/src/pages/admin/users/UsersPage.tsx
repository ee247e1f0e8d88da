/**
 * Users and roles (`/admin/users`): the organization's users (GET /users, cursor pages), adding
 * one (POST /users, idempotent) with roles of the organization's kind, language and a first
 * password; changing a user's roles and language (PATCH /users/:id, removing roles confirmed),
 * disabling and enabling (confirmed), and setting a new password (PUT /users/:id/password).
 * Who may grant what is the API's rule (src/core/user-admin-rules.ts): every role of the kind is
 * offered, and a refusal is said in words with the roles it names.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey } from '../../../api/client.ts';
import type { Page, User } from '../../../api/types.ts';
import { fieldErrors } from '../../../app/errors.ts';
import { useCan, useViewer } from '../../../app/session.tsx';
import { Badge, ConfirmDialog, DateTime, EmptyState, ErrorNotice, Loading, PageTitle, Pager } from '../../../components/ui.tsx';
import { useUrlList } from '../../../components/useUrlList.ts';
import { IdentityError, rolesOfKind, useRoleName, type Role } from './identityUi.tsx';

const USERS_KEY = ['users'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
type Locale = 'en' | 'ko';

export default function UsersPage() {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'users.title' });
  const [editing, setEditing] = useState<User | null>(null);
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
      <p className="muted"><FormattedMessage id="users.intro" /></p>
      <CreateUser />
      <UserList onEdit={setEditing} editingId={editing?.id ?? null} />
      {editing && <EditUser key={editing.id} user={editing} onClose={() => setEditing(null)} onSaved={setEditing} />}
    </>
  );
}

function RoleChoices({ idPrefix, value, onChange, error, legendId }: { idPrefix: string; value: Role[]; onChange: (roles: Role[]) => void; error?: string; legendId: string }) {
  const intl = useIntl();
  const viewer = useViewer();
  const roleName = useRoleName();
  const held = viewer.user.roles;
  return (
    <fieldset className="field" aria-describedby={`${idPrefix}-roles-hint${error ? ` ${idPrefix}-roles-error` : ''}`}>
      <legend><FormattedMessage id={legendId} /></legend>
      <p id={`${idPrefix}-roles-hint`} className="field-hint">
        <FormattedMessage id="users.rolesHint" values={{ roles: intl.formatList(held.map(roleName), { type: 'conjunction' }) }} />
      </p>
      {rolesOfKind(viewer.organization.kind).map((role, i) => (
        <label key={role} className="checkbox">
          <input type="checkbox" id={i === 0 ? `${idPrefix}-roles-first` : undefined} checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))} />
          {roleName(role)}
        </label>
      ))}
      {error && <p id={`${idPrefix}-roles-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}

interface Draft { name: string; email: string; roles: Role[]; locale: Locale; password: string }

function CreateUser() {
  const intl = useIntl();
  const client = useQueryClient();
  const empty: Draft = { name: '', email: '', roles: [], locale: intl.locale === 'ko' ? 'ko' : 'en', password: '' };
  const [v, setV] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<User | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; email: string; roles: Role[]; locale: Locale; password: string }) => api<User>('POST', '/users', { body, idempotencyKey: key }),
    onSuccess: (u) => { void client.invalidateQueries({ queryKey: USERS_KEY }); setCreated(u); setV(empty); setKey(newIdempotencyKey()); },
  });
  const server = fieldErrors(create.error);
  const set = <K extends keyof Draft>(k: K, value: Draft[K]) => {
    setV((d) => ({ ...d, [k]: value }));
    setErrors((e) => ({ ...e, [k]: undefined }));
    setKey(newIdempotencyKey());
  };
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreated(null);
    const next: Partial<Record<keyof Draft, string>> = {};
    if (!v.name.trim()) next.name = intl.formatMessage({ id: 'users.nameRequired' });
    if (!EMAIL.test(v.email.trim())) next.email = intl.formatMessage({ id: 'users.emailInvalid' });
    if (v.roles.length === 0) next.roles = intl.formatMessage({ id: 'users.rolesRequired' });
    if (v.password.length < 12) next.password = intl.formatMessage({ id: 'users.passwordShort' });
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) {
      document.getElementById(first === 'roles' ? 'uc-roles-first' : `uc-${first}`)?.focus();
      return;
    }
    create.mutate({ name: v.name.trim(), email: v.email.trim(), roles: v.roles, locale: v.locale, password: v.password });
  }
  const err = (k: keyof Draft) => errors[k] ?? server[k];
  const aria = (k: keyof Draft, hint = false) => ({
    id: `uc-${k}`, 'aria-invalid': Boolean(err(k)), 'aria-describedby': [hint ? `uc-${k}-hint` : '', err(k) ? `uc-${k}-error` : ''].filter(Boolean).join(' ') || undefined,
  });
  const errorLine = (k: keyof Draft) => err(k) ? <p id={`uc-${k}-error`} className="field-error">{err(k)}</p> : null;
  return (
    <section className="card" aria-labelledby="uc-title">
      <h2 id="uc-title"><FormattedMessage id="users.create" /></h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="filters">
          <div className="field">
            <label htmlFor="uc-name"><FormattedMessage id="users.name" /></label>
            <input {...aria('name')} maxLength={200} autoComplete="off" value={v.name} onChange={(e) => set('name', e.target.value)} />
            {errorLine('name')}
          </div>
          <div className="field">
            <label htmlFor="uc-email"><FormattedMessage id="users.email" /></label>
            <input type="email" {...aria('email')} maxLength={254} autoComplete="off" value={v.email} onChange={(e) => set('email', e.target.value)} />
            {errorLine('email')}
          </div>
          <div className="field">
            <label htmlFor="uc-locale"><FormattedMessage id="users.language" /></label>
            <select {...aria('locale')} value={v.locale} onChange={(e) => set('locale', e.target.value as Locale)}>
              <option value="en" lang="en">English</option>
              <option value="ko" lang="ko">한국어</option>
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="uc-password"><FormattedMessage id="users.password" /></label>
          <input type="password" {...aria('password', true)} maxLength={200} autoComplete="new-password" value={v.password} onChange={(e) => set('password', e.target.value)} />
          <p id="uc-password-hint" className="field-hint"><FormattedMessage id="users.passwordHint" /></p>
          {errorLine('password')}
        </div>
        <RoleChoices idPrefix="uc" legendId="users.roles" value={v.roles} onChange={(r) => set('roles', r)} error={err('roles')} />
        <IdentityError error={Object.keys(server).length > 0 ? null : create.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            <FormattedMessage id={create.isPending ? 'users.creating' : 'users.submit'} />
          </button>
        </div>
        {create.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="users.creating" /></p>}
        {created && !create.isPending && (
          <p className="notice notice-success" role="status"><FormattedMessage id="users.created" values={{ name: created.name, email: created.email }} /></p>
        )}
      </form>
    </section>
  );
}

function UserList({ onEdit, editingId }: { onEdit: (u: User) => void; editingId: string | null }) {
  const intl = useIntl();
  const roleName = useRoleName();
  const list = useUrlList([]);
  const users = useQuery({
    queryKey: [...USERS_KEY, 'list', list.cursor ?? null],
    queryFn: ({ signal }) => api<Page<User>>('GET', '/users', { query: { cursor: list.cursor, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = users.data?.items ?? [];
  return (
    <section aria-labelledby="ul-title">
      <h2 id="ul-title"><FormattedMessage id="users.list" /></h2>
      {users.isPending && <Loading />}
      <ErrorNotice error={users.error} onRetry={() => void users.refetch()} />
      {users.isSuccess && items.length === 0 && <EmptyState title={intl.formatMessage({ id: 'users.empty' })} />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden"><FormattedMessage id="users.caption" /></caption>
            <thead>
              <tr>
                <th scope="col"><FormattedMessage id="users.col.user" /></th>
                <th scope="col"><FormattedMessage id="users.col.roles" /></th>
                <th scope="col"><FormattedMessage id="users.col.language" /></th>
                <th scope="col"><FormattedMessage id="users.col.status" /></th>
                <th scope="col"><FormattedMessage id="users.col.created" /></th>
                <th scope="col"><FormattedMessage id="users.col.actions" /></th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}<div className="muted">{u.email}</div></th>
                  <td data-label={intl.formatMessage({ id: 'users.col.roles' })}>{intl.formatList(u.roles.map(roleName), { type: 'conjunction' })}</td>
                  <td data-label={intl.formatMessage({ id: 'users.col.language' })}><span lang={u.locale}>{u.locale === 'ko' ? '한국어' : 'English'}</span></td>
                  <td data-label={intl.formatMessage({ id: 'users.col.status' })}>
                    <Badge tone={u.disabled ? 'neutral' : 'good'}><FormattedMessage id={u.disabled ? 'users.disabled' : 'users.active'} /></Badge>
                  </td>
                  <td data-label={intl.formatMessage({ id: 'users.col.created' })}><DateTime value={u.createdAt} /></td>
                  <td data-label={intl.formatMessage({ id: 'users.col.actions' })}>
                    <button type="button" className="button button-secondary" aria-pressed={editingId === u.id} onClick={() => onEdit(u)}>
                      <FormattedMessage id="users.edit" values={{ name: u.name }} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager hasNext={Boolean(users.data?.nextCursor)} isFirst={list.isFirst} busy={users.isFetching} onNext={() => list.next(users.data?.nextCursor)} onFirst={list.first} />
    </section>
  );
}

function EditUser({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: (u: User) => void }) {
  const intl = useIntl();
  const client = useQueryClient();
  const viewer = useViewer();
  const roleName = useRoleName();
  const isSelf = user.id === viewer.user.id;
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (patch: { roles?: Role[]; locale?: Locale; disabled?: boolean }) => api<User>('PATCH', `/users/${encodeURIComponent(user.id)}`, { body: patch }),
    onSuccess: (u, patch) => {
      void client.invalidateQueries({ queryKey: USERS_KEY });
      onSaved(u);
      setDone(intl.formatMessage({ id: patch.disabled === undefined ? 'users.saved' : patch.disabled ? 'users.disabledDone' : 'users.enabledDone' }, { name: u.name }));
    },
  });
  const removed = user.roles.filter((r) => !roles.includes(r));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (roles.length === 0) { setRolesError(intl.formatMessage({ id: 'users.rolesRequired' })); return; }
    setRolesError(undefined);
    if (removed.length > 0) { setConfirmRemove(true); return; }
    save();
  }
  const save = () => update.mutate({ roles, ...(locale !== user.locale ? { locale } : {}) });
  const title = intl.formatMessage({ id: 'users.editTitle' }, { name: user.name });
  return (
    <>
      <section className="card" aria-labelledby="ue-title">
        <h2 id="ue-title">{title}</h2>
        <p className="muted">{user.email}</p>
        <form className="form" onSubmit={onSubmit} noValidate>
          <RoleChoices idPrefix="ue" legendId="users.roles" value={roles} onChange={(r) => { setRoles(r); setRolesError(undefined); }} error={rolesError} />
          <div className="filters">
            <div className="field">
              <label htmlFor="ue-locale"><FormattedMessage id="users.language" /></label>
              <select id="ue-locale" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
                <option value="en" lang="en">English</option>
                <option value="ko" lang="ko">한국어</option>
              </select>
            </div>
          </div>
          <IdentityError error={update.error} />
          {update.isPending && <p className="muted" role="status"><FormattedMessage id="users.saving" /></p>}
          {done && !update.isPending && <p className="notice notice-success" role="status">{done}</p>}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={update.isPending}><FormattedMessage id="users.save" /></button>
            {!isSelf && (
              <button type="button" className="button button-secondary" disabled={update.isPending}
                onClick={() => { setDone(null); if (user.disabled) update.mutate({ disabled: false }); else setConfirmDisable(true); }}>
                <FormattedMessage id={user.disabled ? 'users.enable' : 'users.disable'} />
              </button>
            )}
            <button type="button" className="button button-ghost" onClick={onClose}><FormattedMessage id="users.close" /></button>
          </div>
        </form>
        <ConfirmDialog isOpen={confirmRemove} onOpenChange={setConfirmRemove} tone="warning"
          title={intl.formatMessage({ id: 'users.confirmRemoveTitle' }, { name: user.name })}
          confirmLabel={intl.formatMessage({ id: 'users.confirmRemove' })} onConfirm={save}>
          <p><FormattedMessage id="users.confirmRemoveText" values={{ name: user.name, roles: intl.formatList(removed.map(roleName), { type: 'conjunction' }) }} /></p>
        </ConfirmDialog>
        <ConfirmDialog isOpen={confirmDisable} onOpenChange={setConfirmDisable} tone="warning"
          title={intl.formatMessage({ id: 'users.confirmDisableTitle' }, { name: user.name })}
          confirmLabel={intl.formatMessage({ id: 'users.disable' })} onConfirm={() => update.mutate({ disabled: true })}>
          <p><FormattedMessage id="users.confirmDisableText" values={{ name: user.name }} /></p>
        </ConfirmDialog>
      </section>
      <SetPassword user={user} isSelf={isSelf} />
    </>
  );
}

function SetPassword({ user, isSelf }: { user: User; isSelf: boolean }) {
  const intl = useIntl();
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const set = useMutation({
    mutationFn: () => api<null>('PUT', `/users/${encodeURIComponent(user.id)}/password`, { body: { password, ...(isSelf ? { currentPassword: current } : {}) } }),
    onSuccess: () => { setDone(true); setPassword(''); setCurrent(''); },
  });
  const server = fieldErrors(set.error);
  const pwError = error ?? server.password;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (password.length < 12) { setError(intl.formatMessage({ id: 'users.passwordShort' })); document.getElementById('up-password')?.focus(); return; }
    setError(undefined);
    set.mutate();
  }
  return (
    <section className="card" aria-labelledby="up-title">
      <form className="form" onSubmit={onSubmit} noValidate>
        <h2 id="up-title"><FormattedMessage id="users.passwordTitle" values={{ name: user.name }} /></h2>
        <p className="muted"><FormattedMessage id={isSelf ? 'users.passwordSelfHint' : 'users.passwordResetHint'} /></p>
        <div className="filters">
          {isSelf && (
            <div className="field">
              <label htmlFor="up-current"><FormattedMessage id="users.currentPassword" /></label>
              <input id="up-current" type="password" autoComplete="current-password" maxLength={200} value={current}
                aria-invalid={Boolean(server.currentPassword)} aria-describedby={server.currentPassword ? 'up-current-error' : undefined}
                onChange={(e) => { setCurrent(e.target.value); setDone(false); }} />
              {server.currentPassword && <p id="up-current-error" className="field-error">{server.currentPassword}</p>}
            </div>
          )}
          <div className="field">
            <label htmlFor="up-password"><FormattedMessage id="users.newPassword" /></label>
            <input id="up-password" type="password" autoComplete="new-password" maxLength={200} value={password}
              aria-invalid={Boolean(pwError)} aria-describedby={`up-password-hint${pwError ? ' up-password-error' : ''}`}
              onChange={(e) => { setPassword(e.target.value); setError(undefined); setDone(false); }} />
            <p id="up-password-hint" className="field-hint"><FormattedMessage id="users.passwordHint" /></p>
            {pwError && <p id="up-password-error" className="field-error">{pwError}</p>}
          </div>
        </div>
        <IdentityError error={Object.keys(server).length > 0 ? null : set.error} />
        {set.isPending && <p className="muted" role="status"><FormattedMessage id="users.saving" /></p>}
        {done && !set.isPending && <p className="notice notice-success" role="status"><FormattedMessage id="users.passwordSet" values={{ name: user.name }} /></p>}
        <div className="button-row">
          <button type="submit" className="button button-secondary" disabled={set.isPending}><FormattedMessage id="users.setPassword" /></button>
        </div>
      </form>
    </section>
  );
}
