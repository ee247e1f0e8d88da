/**
 * The words of the API's enumerations (statuses, severities, categories, parties, clocks) in the
 * viewer's language, from `enums.json`, and their badge tones.
 */
import { useIntl } from 'react-intl';
import { Badge } from './ui.tsx';

type Kind = 'status' | 'severity' | 'category' | 'party' | 'visibility' | 'clock' | 'target' | 'orgKind' | 'subscription';

/** `label('status', 'open')` → "Open" / "진행 중"; an unknown value shows as it is. */
export function useLabel(): (kind: Kind, value: string) => string {
  const intl = useIntl();
  return (kind, value) => {
    const id = `enum.${kind}.${value}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : value;
  };
}

const STATUS_TONE: Record<string, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  new: 'info', open: 'info', pending_customer: 'warn', pending_party: 'warn', resolved: 'good', closed: 'neutral',
};
const SEVERITY_TONE: Record<string, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = { critical: 'bad', moderate: 'warn', minimal: 'neutral' };
const CLOCK_TONE: Record<string, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = { running: 'info', paused: 'neutral', met: 'good', breached: 'bad' };
const SUBSCRIPTION_TONE: Record<string, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = { pending_activation: 'warn', active: 'good', suspended: 'bad', cancelled: 'neutral' };

export function StatusBadge({ status }: { status: string }) {
  const label = useLabel();
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{label('status', status)}</Badge>;
}
export function SeverityBadge({ severity }: { severity: string }) {
  const label = useLabel();
  return <Badge tone={SEVERITY_TONE[severity] ?? 'neutral'}>{label('severity', severity)}</Badge>;
}
export function ClockBadge({ status }: { status: string }) {
  const label = useLabel();
  return <Badge tone={CLOCK_TONE[status] ?? 'neutral'}>{label('clock', status)}</Badge>;
}
export function SubscriptionBadge({ status }: { status: string }) {
  const label = useLabel();
  return <Badge tone={SUBSCRIPTION_TONE[status] ?? 'neutral'}>{label('subscription', status)}</Badge>;
}
