/** A row's SLA state in words: breached, due soon (with the time), due (with the time), or none. */
import { FormattedMessage } from 'react-intl';
import type { InboxItem } from '../../api/types.ts';
import { Badge, DateTime } from '../../components/ui.tsx';
import { slaStateOf } from './inboxData.ts';

export function SlaState({ item }: { item: Pick<InboxItem, 'dueAt' | 'slaBreached'> }) {
  const state = slaStateOf(item);
  if (state === 'none') return <span className="muted"><FormattedMessage id="inbox.sla.none" /></span>;
  return (
    <span className="sla-state">
      {state === 'breached' && <Badge tone="bad"><FormattedMessage id="inbox.sla.breached" /></Badge>}
      {state === 'dueSoon' && <Badge tone="warn"><FormattedMessage id="inbox.sla.dueSoon" /></Badge>}
      {item.dueAt && <> <FormattedMessage id="inbox.sla.dueAt" values={{ time: <DateTime value={item.dueAt} /> }} /></>}
    </span>
  );
}
