/**
 * A refusal of a publishing change in the viewer's language: the partners an audience change
 * would deauthorize (they resold the offer), each field a validation names (by its label where we
 * know it), else the common error message.
 */
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ui.tsx';

/** The partners a refused audience change names (`RESOLD_PARTNER_DEAUTHORIZED`). */
export function resoldPartnersOf(error: unknown): { id: string; name: string }[] {
  if (!isApiError(error) || error.code !== 'RESOLD_PARTNER_DEAUTHORIZED') return [];
  const partners = (error.problem as { partners?: unknown } | null)?.partners;
  return Array.isArray(partners)
    ? partners.filter((p): p is { id: string; name: string } => typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string')
    : [];
}

export function PublishingError({ error }: { error: unknown }) {
  const intl = useIntl();
  if (!error) return null;
  const resold = resoldPartnersOf(error);
  if (resold.length > 0) {
    return (
      <div className="notice notice-error" role="alert">
        <p><strong><FormattedMessage id="publishing.audience.refused" /></strong></p>
        <p><FormattedMessage id="publishing.audience.refusedBecause" values={{ count: resold.length }} /></p>
        <ul aria-label={intl.formatMessage({ id: 'publishing.audience.refusedPartners' })}>
          {resold.map((p) => <li key={p.id}>{p.name}</li>)}
        </ul>
        <p><FormattedMessage id="publishing.audience.refusedRule" /></p>
      </div>
    );
  }
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.problem?.errors?.length) {
    const fieldName = (field: string) => {
      const path = field.replace(/^body[./]/, '').replace(/\//g, '.');
      const id = `publishing.field.${path}`;
      return intl.messages[id] ? intl.formatMessage({ id }) : path;
    };
    return (
      <div className="notice notice-error" role="alert">
        <p><strong><FormattedMessage id="publishing.form.refused" /></strong></p>
        <ul>
          {error.problem.errors.map((e, i) => {
            const path = e.field.replace(/^body[./]/, '').replace(/\//g, '.');
            const known = `publishing.problem.${path}`;
            return <li key={i}>{intl.messages[known] ? intl.formatMessage({ id: known }) : `${fieldName(e.field)}: ${e.message}`}</li>;
          })}
        </ul>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}
