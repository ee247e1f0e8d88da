/**
 * What the marketplace pages share: the offer types, the categories the filter offers, how an
 * offer's availability reads for the viewer (the API's own message, in the viewer's language),
 * and prices in the viewer's language.
 */
import { useIntl } from 'react-intl';
import type { OfferSummary } from '../../api/types.ts';
import { Badge } from '../../components/ui.tsx';
import { useLocale } from '../../i18n/i18n.tsx';

/** The offer types of the catalog (`OFFER_TYPES` of the server's catalog rules). */
export const OFFER_TYPES = ['saas', 'vm', 'solution_template', 'managed_app', 'container'] as const;

/**
 * The categories the filter offers. Categories are publishers' slugs and the API lists none of
 * its own, so these are the marketplace's usual ones; others seen in the results are added.
 */
export const CATEGORIES: readonly string[] = [
  'ai-ml', 'analytics', 'collaboration', 'devops', 'monitoring', 'networking', 'productivity', 'security', 'storage',
];

/** A category slug in the viewer's language (the slug itself when we have no word for it). */
export function useCategoryLabel(): (slug: string) => string {
  const intl = useIntl();
  return (slug) => {
    const id = `marketplace.category.${slug}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : slug;
  };
}

/** How the offer's audience reads for the viewer: exclusive to you, or not available to you (why, in the API's words). */
export function AvailabilityMark({ availability }: { availability: OfferSummary['availability'] }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const message = availability.message[locale] || availability.message.en;
  if (availability.exclusive) {
    return (
      <p className="marketplace-availability">
        <Badge tone="info">{intl.formatMessage({ id: 'marketplace.availability.exclusive' })}</Badge>{' '}
        <span className="marketplace-muted">{message}</span>
      </p>
    );
  }
  if (availability.toYou === false) {
    return (
      <p className="marketplace-availability">
        <Badge tone="warn">{intl.formatMessage({ id: 'marketplace.availability.notToYou' })}</Badge>{' '}
        <span className="marketplace-muted">{message}</span>
      </p>
    );
  }
  return null;
}

/** An amount in its currency, in the viewer's language (`12.00` USD → "$12.00" / "US$12.00"). */
export function useMoney(): (amount: string, currency: string) => string {
  const intl = useIntl();
  return (amount, currency) => {
    try {
      return new Intl.NumberFormat(intl.locale, { style: 'currency', currency }).format(Number(amount));
    } catch {
      return `${amount} ${currency}`;
    }
  };
}

/** A country's name in the viewer's language (its code when the browser doesn't know it). */
export function useRegionName(): (code: string) => string {
  const intl = useIntl();
  return (code) => {
    try {
      return new Intl.DisplayNames([intl.locale], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
}

/** Words for a plan's billing cycles, terms and model (unknown values as they are). */
export function usePlanWords() {
  const intl = useIntl();
  const word = (prefix: string, value: string) => {
    const id = `marketplace.${prefix}.${value}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : value;
  };
  return {
    cycle: (v: string) => word('cycle', v),
    term: (v: string) => word('term', v),
    billing: (v: string) => word('billing', v),
  };
}
