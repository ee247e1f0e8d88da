/**
 * The console's languages (English, Korean) with ICU messages through react-intl (FormatJS).
 * Each area of the console keeps its messages in `en/<area>.json` and `ko/<area>.json`; a
 * language's files are loaded together, on first use. The language follows the browser until
 * someone signs in, then the user's own (stored with the user, `PATCH /users/:id`).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { setRequestLanguage } from '../api/client.ts';

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'switchboard.locale';

const catalogs = import.meta.glob<{ default: Record<string, string> }>('./*/*.json');

async function loadMessages(locale: Locale): Promise<Record<string, string>> {
  const files = Object.entries(catalogs).filter(([path]) => path.startsWith(`./${locale}/`));
  const loaded = await Promise.all(files.map(([, load]) => load()));
  return Object.assign({}, ...loaded.map((m) => m.default));
}

/** The browser's preferred language among ours, else a stored choice, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ko') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

interface LocaleState { locale: Locale; setLocale: (locale: Locale) => void }
const LocaleContext = createContext<LocaleState | null>(null);

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [messages, setMessages] = useState<{ locale: Locale; messages: Record<string, string> } | null>(null);

  useEffect(() => {
    let live = true;
    setRequestLanguage(locale);
    document.documentElement.lang = locale;
    void loadMessages(locale).then((m) => { if (live) setMessages({ locale, messages: m }); });
    return () => { live = false; };
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  const state = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);

  if (!messages) return null;
  return (
    <LocaleContext.Provider value={state}>
      <IntlProvider locale={messages.locale} messages={messages.messages} defaultLocale="en" onError={reportMissing}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

function reportMissing(error: { code: string; message: string }): void {
  // A missing message is a defect the catalogue test catches; say so in development only.
  if (import.meta.env.DEV) console.error(error.message);
}
