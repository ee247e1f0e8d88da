/** English / 한국어: the viewer's language, kept with the user when signed in. */
import { useIntl } from 'react-intl';
import type { Locale } from '../api/types.ts';
import { useLocale } from '../i18n/i18n.tsx';
import { useChangeLanguage } from './session.tsx';

export function LanguageSwitch() {
  const intl = useIntl();
  const { locale } = useLocale();
  const change = useChangeLanguage();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{intl.formatMessage({ id: 'layout.language' })}</span>
      <select value={locale} disabled={change.isPending} onChange={(e) => change.mutate(e.target.value as Locale)}>
        <option value="en" lang="en">English</option>
        <option value="ko" lang="ko">한국어</option>
      </select>
    </label>
  );
}
