/**
 * What an error says to the viewer, in the viewer's language: a message of our own for the API's
 * problem codes we know (`errors.json`, saying what to do next), else the API's own `detail`
 * (already in the viewer's language), else a general sentence.
 */
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isApiError } from '../api/client.ts';

export function useErrorMessage(): (error: unknown) => string {
  const intl = useIntl();
  return useCallback((error: unknown) => {
    if (isApiError(error)) {
      const id = `error.${error.code}`;
      if (intl.messages[id]) return intl.formatMessage({ id }, { detail: error.problem?.detail ?? '' });
      if (error.status === 0) return intl.formatMessage({ id: 'error.NETWORK' });
      if (error.problem?.detail) return error.problem.detail;
      if (error.status >= 500) return intl.formatMessage({ id: 'error.server' });
    }
    return intl.formatMessage({ id: 'error.unexpected' });
  }, [intl]);
}

/** The field errors of a validation problem, by field path without its `body.` prefix. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || !error.problem?.errors) return {};
  return Object.fromEntries(error.problem.errors.map((e) => [e.field.replace(/^body\./, ''), e.message]));
}
