/**
 * The actions the viewer may take on a case: exactly the case's allowedActions, each with its form
 * or confirmation, progress and errors. Targets (forward, escalate, hand back) are the API's.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, isApiError } from '../../api/client.ts';
import type { Case, Page } from '../../api/types.ts';
import { useViewer } from '../../app/session.tsx';
import { useLabel } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ui.tsx';
import { CATEGORIES, caseKey, useCaseAction, useExternalReference, type ActionPath } from './caseData.ts';

type Allowed = Case['allowedActions'][number];
type Kind = 'assign' | 'forward' | 'escalate' | 'hand_back' | 'reroute' | 'resolve' | 'reopen' | 'close' | 'set_external_reference';
const KINDS: readonly Kind[] = ['assign', 'forward', 'escalate', 'hand_back', 'reroute', 'resolve', 'reopen', 'close', 'set_external_reference'];
const PATH: Record<Exclude<Kind, 'set_external_reference'>, ActionPath> = {
  assign: 'assign', forward: 'forward', escalate: 'escalate', hand_back: 'hand-back', reroute: 'reroute', resolve: 'resolve', reopen: 'reopen', close: 'close',
};

/** An organization's name as the case shows it (its participants), else its id. */
export function orgName(c: Case, orgId: string, unknown = '—'): string {
  return c.participants.find((p) => p.id === orgId)?.name
    ?? (c.holder.id === orgId ? c.holder.name : null)
    ?? (c.responsible.id === orgId ? c.responsible.name : null)
    ?? (c.customer?.id === orgId ? c.customer.name : null)
    ?? unknown;
}

export function CaseActions({ value }: { value: Case }) {
  const intl = useIntl();
  const [open, setOpen] = useState<Kind | null>(null);
  const [done, setDone] = useState<Kind | null>(null);
  const offered = KINDS.map((k) => value.allowedActions.find((a) => a.action === k)).filter((a): a is Allowed & { action: Kind } => Boolean(a));
  return (
    <section className="card" aria-labelledby="case-actions">
      <h2 id="case-actions"><FormattedMessage id="case.actions.title" /></h2>
      <p role="status" className="case-done">{done ? intl.formatMessage({ id: `case.actions.done.${done}` }) : ''}</p>
      {offered.length === 0
        ? <p className="muted"><FormattedMessage id="case.actions.none" /></p>
        : (
          <div className="button-row">
            {offered.map((a) => (
              <Button key={a.action} className={`button ${a.action === 'resolve' ? 'button-primary' : 'button-secondary'}`} onPress={() => { setDone(null); setOpen(a.action); }}>
                <FormattedMessage id={`case.action.${a.action}`} />
              </Button>
            ))}
          </div>
        )}
      {open && (
        <ActionDialog kind={open} allowed={offered.find((a) => a.action === open)!} value={value}
          onClose={() => setOpen(null)} onDone={() => { setDone(open); setOpen(null); }} />
      )}
    </section>
  );
}

function DialogFrame({ title, children, onClose }: { title: string; children: ReactNode; onClose: () => void }) {
  return (
    <ModalOverlay className="modal-overlay" isOpen onOpenChange={(o) => { if (!o) onClose(); }} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog-title">{title}</Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ActionDialog({ kind, allowed, value, onClose, onDone }: { kind: Kind; allowed: Allowed; value: Case; onClose: () => void; onDone: () => void }) {
  const intl = useIntl();
  const label = useLabel();
  const viewer = useViewer();
  const action = useCaseAction(value.id);
  const reference = useExternalReference(value.id);
  const mutation = kind === 'set_external_reference' ? reference : action;
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<string>('');
  const [target, setTarget] = useState<string>(allowed.targets?.[0]?.tier ?? '');
  const [assignee, setAssignee] = useState<string>(value.assignee?.userId ?? viewer.user.id);
  const [externalReference, setExternalReference] = useState(value.externalReference ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);

  const users = useQuery({
    queryKey: ['users', 'assignable'],
    enabled: kind === 'assign',
    retry: false,
    queryFn: () => api<Page<{ id: string; name: string; email: string; disabled: boolean }>>('GET', '/users', { query: { limit: 100 } }),
  });
  const usersRefused = users.isError && isApiError(users.error) && (users.error.status === 403 || users.error.status === 404);

  const reasonRequired = kind === 'reroute';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setInvalid(null);
    if (kind === 'set_external_reference') {
      reference.mutate(externalReference.trim() === '' ? null : externalReference.trim(), { onSuccess: onDone });
      return;
    }
    if (kind === 'reroute' && !category) return setInvalid(intl.formatMessage({ id: 'case.form.categoryRequired' }));
    if (reasonRequired && reason.trim() === '') return setInvalid(intl.formatMessage({ id: 'case.form.reasonRequired' }));
    const body: Record<string, unknown> = {};
    if (kind === 'assign') body.userId = assignee || null;
    else if (reason.trim()) body.reason = reason.trim();
    if (kind === 'reroute') body.category = category;
    if (kind === 'escalate' && target) body.target = target;
    action.mutate({ path: PATH[kind], body }, { onSuccess: onDone });
  };
  const targets = allowed.targets ?? [];
  const title = intl.formatMessage({ id: `case.action.${kind}` });

  return (
    <DialogFrame title={title} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="field-hint"><FormattedMessage id={`case.actions.explain.${kind}`} /></p>
        {(kind === 'forward' || kind === 'hand_back') && targets.length > 0 && (
          <p><FormattedMessage id="case.form.goesTo" values={{ org: targets.map((t) => orgName(value, t.orgId)).join(', ') }} /></p>
        )}
        {kind === 'escalate' && targets.length > 0 && (
          <div className="field">
            <label htmlFor="case-target"><FormattedMessage id="case.form.target" /></label>
            <select id="case-target" value={target} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((t) => (
                <option key={t.orgId} value={t.tier ?? ''}>
                  {orgName(value, t.orgId, '') && t.tier
                    ? intl.formatMessage({ id: 'case.form.targetOption' }, { org: orgName(value, t.orgId), tier: label('party', t.tier) })
                    : t.tier ? label('party', t.tier) : orgName(value, t.orgId)}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'assign' && (
          users.isPending ? <p className="muted"><FormattedMessage id="common.loading" /></p>
            : usersRefused || !users.data ? (
              <p><FormattedMessage id="case.form.assignToMe" values={{ name: viewer.user.name }} /></p>
            ) : (
              <div className="field">
                <label htmlFor="case-assignee"><FormattedMessage id="case.form.assignee" /></label>
                <select id="case-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                  <option value=""><FormattedMessage id="case.form.unassigned" /></option>
                  {users.data.items.filter((u) => !u.disabled).map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
                </select>
              </div>
            )
        )}
        {kind === 'reroute' && (
          <div className="field">
            <label htmlFor="case-category"><FormattedMessage id="case.form.category" /></label>
            <select id="case-category" value={category} onChange={(e) => setCategory(e.target.value)} aria-invalid={invalid !== null && !category}>
              <option value=""><FormattedMessage id="case.form.chooseCategory" /></option>
              {CATEGORIES.filter((c) => c !== value.category).map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
            </select>
          </div>
        )}
        {kind === 'set_external_reference' ? (
          <div className="field">
            <label htmlFor="case-extref"><FormattedMessage id="case.form.externalReference" /></label>
            <input id="case-extref" value={externalReference} maxLength={200} onChange={(e) => setExternalReference(e.target.value)} />
            <p className="field-hint"><FormattedMessage id="case.form.externalReferenceHint" /></p>
          </div>
        ) : kind !== 'assign' && (
          <div className="field">
            <label htmlFor="case-reason"><FormattedMessage id={reasonRequired ? 'case.form.reason' : 'case.form.reasonOptional'} /></label>
            <textarea id="case-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} aria-invalid={invalid !== null && reasonRequired && !reason.trim()} />
          </div>
        )}
        {invalid && <p className="field-error" role="alert">{invalid}</p>}
        <CaseError error={mutation.error} caseId={value.id} onReload={() => mutation.reset()} />
        <div className="dialog-actions">
          <Button className="button button-secondary" onPress={onClose}><FormattedMessage id="common.cancel" /></Button>
          <Button type="submit" className="button button-primary" isDisabled={mutation.isPending || (kind === 'assign' && users.isPending)}>
            {mutation.isPending ? <FormattedMessage id="case.form.saving" /> : title}
          </Button>
        </div>
      </form>
    </DialogFrame>
  );
}

/** An error of a change; a version conflict (412) also offers to reload the case. */
export function CaseError({ error, caseId, onReload }: { error: unknown; caseId: string; onReload?: () => void }) {
  const client = useQueryClient();
  const [reloading, setReloading] = useState(false);
  if (!error) return null;
  const conflict = isApiError(error) && (error.status === 412 || error.code === 'CASE_VERSION_CONFLICT');
  return (
    <>
      <ErrorNotice error={error} />
      {conflict && (
        <Button className="button button-secondary" isDisabled={reloading} onPress={() => {
          setReloading(true);
          void Promise.all([client.invalidateQueries({ queryKey: caseKey(caseId) }), client.invalidateQueries({ queryKey: ['case', caseId] })])
            .finally(() => { setReloading(false); onReload?.(); });
        }}>
          {reloading ? <FormattedMessage id="case.conflict.reloading" /> : <FormattedMessage id="case.conflict.reload" />}
        </Button>
      )}
    </>
  );
}
