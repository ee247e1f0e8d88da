/**
 * What both webhook pages share: the query keys, the event types (GET /event-types) named in the
 * viewer's language, the webhook refusals said in words, the endpoint form (add and edit), and
 * the signing secret shown once.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, isApiError } from '../../../api/client.ts';
import type { EventTypeList, WebhookEndpoint, WebhookEndpointWithSecret } from '../../../api/types.ts';
import { fieldErrors, useErrorMessage } from '../../../app/errors.ts';
import { Badge, ErrorNotice, Loading } from '../../../components/ui.tsx';

export const WEBHOOKS_KEY = ['webhooks'] as const;
export const MAX_URL_LENGTH = 2048;

/** The event types an endpoint may subscribe to, as the API lists them. */
export function useEventTypes() {
  return useQuery({
    queryKey: ['event-types'],
    queryFn: ({ signal }) => api<EventTypeList>('GET', '/event-types', { signal }),
    staleTime: 60 * 60 * 1000,
  });
}

/** An event type's name in the viewer's language (the settings page's words), else the API's. */
export function useEventLabel(): (type: string, fallback?: string) => string {
  const intl = useIntl();
  return (type, fallback) => {
    const id = `settings.event.${type}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : (fallback ?? type);
  };
}

/** The webhook refusals in the viewer's words (the API says them in English only), else the usual. */
export function useWebhookError(): (error: unknown) => string {
  const intl = useIntl();
  const general = useErrorMessage();
  return (error) => {
    if (isApiError(error)) {
      const detail = error.problem?.detail ?? '';
      if (error.code === 'WEBHOOK_URL_NOT_ALLOWED') {
        // The problem carries `reason`: a URL problem (scheme…) or the kind of address refused.
        const reason = String((error.problem as { reason?: unknown } | null)?.reason ?? '');
        const id = `webhooks.error.url.${reason}`;
        return intl.messages[id] ? intl.formatMessage({ id }) : intl.formatMessage({ id: 'webhooks.error.urlRefused' }, { detail });
      }
      const id = `webhooks.error.${error.code}`;
      if (intl.messages[id]) return intl.formatMessage({ id }, { detail });
    }
    return general(error);
  };
}

/** A webhook error announced, with a retry when given. */
export function WebhookError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const say = useWebhookError();
  if (!error) return null;
  if (onRetry) return <ErrorNotice error={error} onRetry={onRetry} />;
  return <div className="notice notice-error" role="alert"><p>{say(error)}</p></div>;
}

export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.status === 'enabled') return <Badge tone="good"><FormattedMessage id="webhooks.status.enabled" /></Badge>;
  return <Badge tone="bad"><FormattedMessage id="webhooks.status.disabled" /></Badge>;
}

/** Why an endpoint is disabled, in words (null when enabled). */
export function DisabledReason({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.status !== 'disabled') return null;
  return <FormattedMessage id={`webhooks.disabledReason.${endpoint.disabledReason ?? 'manual'}`} />;
}

export function DeliveryStatus({ status }: { status: string }) {
  const tone = status === 'succeeded' ? 'good' : status === 'failed' ? 'bad' : status === 'pending' ? 'warn' : 'neutral';
  return <Badge tone={tone}><FormattedMessage id={`webhooks.delivery.status.${status}`} /></Badge>;
}

export interface EndpointDraft { url: string; description: string; eventTypes: string[] }

/**
 * The form of an endpoint: its URL (http or https), a description and at least one event type.
 * Checked here first; the API's refusals (a private address…) are shown beside it.
 */
export function EndpointForm({ idPrefix, initial, submitLabel, busyLabel, busy, error, onSubmit, onCancel }: {
  idPrefix: string; initial: EndpointDraft; submitLabel: string; busyLabel: string; busy: boolean; error: unknown;
  onSubmit: (draft: EndpointDraft) => void; onCancel?: () => void;
}) {
  const intl = useIntl();
  const types = useEventTypes();
  const label = useEventLabel();
  const [v, setV] = useState<EndpointDraft>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof EndpointDraft, string>>>({});
  const server = fieldErrors(error);
  const urlRefusal = isApiError(error) && error.code === 'WEBHOOK_URL_NOT_ALLOWED';
  const say = useWebhookError();
  const id = (k: keyof EndpointDraft) => `${idPrefix}-${k}`;
  const err = (k: keyof EndpointDraft) => errors[k] ?? server[k] ?? (k === 'url' && urlRefusal ? say(error) : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Partial<Record<keyof EndpointDraft, string>> = {};
    const url = v.url.trim();
    if (!url) next.url = intl.formatMessage({ id: 'webhooks.form.urlRequired' });
    else {
      let parsed: URL | null = null;
      try { parsed = new URL(url); } catch { parsed = null; }
      if (!parsed) next.url = intl.formatMessage({ id: 'webhooks.error.url.invalid' });
      else if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') next.url = intl.formatMessage({ id: 'webhooks.error.url.scheme' });
      else if (parsed.username || parsed.password) next.url = intl.formatMessage({ id: 'webhooks.error.url.credentials' });
      else if (url.length > MAX_URL_LENGTH) next.url = intl.formatMessage({ id: 'webhooks.error.url.too_long' });
    }
    if (v.description.length > 500) next.description = intl.formatMessage({ id: 'webhooks.form.descriptionTooLong' });
    if (v.eventTypes.length === 0) next.eventTypes = intl.formatMessage({ id: 'webhooks.form.eventTypesRequired' });
    setErrors(next);
    const first = Object.keys(next)[0] as keyof EndpointDraft | undefined;
    if (first) {
      document.getElementById(first === 'eventTypes' ? `${id('eventTypes')}-0` : id(first))?.focus();
      return;
    }
    onSubmit({ url, description: v.description.trim(), eventTypes: v.eventTypes });
  }
  const toggle = (type: string, on: boolean) => {
    setV((d) => ({ ...d, eventTypes: on ? [...d.eventTypes, type] : d.eventTypes.filter((t) => t !== type) }));
    setErrors((e) => ({ ...e, eventTypes: undefined }));
  };
  const all = types.data ?? [];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id('url')}><FormattedMessage id="webhooks.form.url" /></label>
        <input id={id('url')} type="url" inputMode="url" autoComplete="off" maxLength={MAX_URL_LENGTH} value={v.url}
          aria-invalid={Boolean(err('url'))} aria-describedby={`${id('url')}-hint ${id('url')}-error`}
          onChange={(e) => { const url = e.target.value; setV((d) => ({ ...d, url })); setErrors((x) => ({ ...x, url: undefined })); }} />
        <p id={`${id('url')}-hint`} className="field-hint"><FormattedMessage id="webhooks.form.urlHint" /></p>
        {err('url') && <p id={`${id('url')}-error`} className="field-error">{err('url')}</p>}
      </div>
      <div className="field">
        <label htmlFor={id('description')}><FormattedMessage id="webhooks.form.description" /></label>
        <input id={id('description')} maxLength={500} value={v.description}
          aria-invalid={Boolean(err('description'))} aria-describedby={`${id('description')}-error`}
          onChange={(e) => { const description = e.target.value; setV((d) => ({ ...d, description })); setErrors((x) => ({ ...x, description: undefined })); }} />
        {err('description') && <p id={`${id('description')}-error`} className="field-error">{err('description')}</p>}
      </div>
      <fieldset className="webhooks-events" aria-describedby={`${id('eventTypes')}-error`}>
        <legend><FormattedMessage id="webhooks.form.eventTypes" /></legend>
        {types.isPending && <Loading />}
        <ErrorNotice error={types.error} onRetry={() => void types.refetch()} />
        {all.length > 0 && (
          <div className="button-row">
            <button type="button" className="button button-ghost" onClick={() => setV((d) => ({ ...d, eventTypes: all.map((t) => t.type) }))}><FormattedMessage id="webhooks.form.all" /></button>
            <button type="button" className="button button-ghost" onClick={() => setV((d) => ({ ...d, eventTypes: [] }))}><FormattedMessage id="webhooks.form.none" /></button>
          </div>
        )}
        <ul className="webhooks-event-list">
          {all.map((t, i) => (
            <li key={t.type}>
              <label>
                <input id={`${id('eventTypes')}-${i}`} type="checkbox" checked={v.eventTypes.includes(t.type)} onChange={(e) => toggle(t.type, e.target.checked)} />{' '}
                <span>{label(t.type, t.description)}</span>
              </label>{' '}
              <code className="webhooks-event-type">{t.type}</code>
              <div className="muted webhooks-event-description" lang="en">{t.description}</div>
            </li>
          ))}
        </ul>
        {err('eventTypes') && <p id={`${id('eventTypes')}-error`} className="field-error">{err('eventTypes')}</p>}
      </fieldset>
      {error !== null && error !== undefined && !urlRefusal && <WebhookError error={error} />}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? busyLabel : submitLabel}</button>
        {onCancel && <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}><FormattedMessage id="common.cancel" /></button>}
      </div>
      {busy && <p className="visually-hidden" role="status">{busyLabel}</p>}
    </form>
  );
}

/** The signing secret, shown this once: a warning, the secret, a copy button. */
export function SecretOnce({ endpoint, rotated, onDismiss }: { endpoint: WebhookEndpointWithSecret; rotated: boolean; onDismiss: () => void }) {
  const intl = useIntl();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(endpoint.secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }
  return (
    <section className="notice notice-warning webhooks-secret" aria-labelledby="webhooks-secret-title">
      <h2 id="webhooks-secret-title"><FormattedMessage id={rotated ? 'webhooks.secret.rotatedTitle' : 'webhooks.secret.title'} /></h2>
      <p role="status"><FormattedMessage id={rotated ? 'webhooks.secret.rotated' : 'webhooks.secret.created'} values={{ url: endpoint.url }} /></p>
      <p><strong><FormattedMessage id="webhooks.secret.warning" /></strong></p>
      {rotated && endpoint.previousSecretExpiresAt && (
        <p>
          <FormattedMessage id="webhooks.secret.grace" values={{ until: intl.formatDate(new Date(endpoint.previousSecretExpiresAt), { dateStyle: 'medium', timeStyle: 'short' }) }} />
        </p>
      )}
      <div className="field">
        <label htmlFor="webhooks-secret-value"><FormattedMessage id="webhooks.secret.label" /></label>
        <input id="webhooks-secret-value" className="webhooks-secret-value" readOnly value={endpoint.secret} onFocus={(e) => e.target.select()} />
      </div>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void copy()}><FormattedMessage id="webhooks.secret.copy" /></button>
        <button type="button" className="button button-secondary" onClick={onDismiss}><FormattedMessage id="webhooks.secret.done" /></button>
      </div>
      {copied && <p role="status" className="muted"><FormattedMessage id={copied === 'yes' ? 'webhooks.secret.copied' : 'webhooks.secret.copyFailed'} /></p>}
    </section>
  );
}
