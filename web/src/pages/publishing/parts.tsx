/** Small pieces the publishing pages share. */
import { useIntl } from 'react-intl';
import { Badge } from '../../components/ui.tsx';

/** An offer's CSP audience as a badge: any partner, specific partners, no partners. */
export function AudienceBadge({ audience }: { audience: string }) {
  const intl = useIntl();
  const tone = audience === 'any' ? 'good' : audience === 'specific' ? 'info' : 'neutral';
  return <Badge tone={tone}>{intl.formatMessage({ id: `publishing.audience.${audience}` })}</Badge>;
}

/** A number of minutes as days, hours and minutes in the viewer's language ("1 day 2 hr"). */
export function useDuration(): (minutes: number) => string {
  const intl = useIntl();
  return (minutes) => {
    if (!Number.isFinite(minutes) || minutes <= 0) return '—';
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    const parts: string[] = [];
    if (d) parts.push(intl.formatNumber(d, { style: 'unit', unit: 'day', unitDisplay: 'long' }));
    if (h) parts.push(intl.formatNumber(h, { style: 'unit', unit: 'hour', unitDisplay: 'long' }));
    if (m) parts.push(intl.formatNumber(m, { style: 'unit', unit: 'minute', unitDisplay: 'long' }));
    return intl.formatList(parts, { type: 'unit', style: 'narrow' });
  };
}
