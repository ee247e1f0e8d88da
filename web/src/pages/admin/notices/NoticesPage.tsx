/**
 * Incident notices (`/admin/notices`): whether the partner's customers hear of incidents of the
 * offers they subscribe to through it (GET/PUT /partner/notice-settings; false until chosen).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../../api/client.ts';
import type { NoticeSettings } from '../../../api/types.ts';
import { useCan } from '../../../app/session.tsx';
import { DateTime, ErrorNotice, Loading, PageTitle } from '../../../components/ui.tsx';

const NOTICES_KEY = ['notice-settings'] as const;

export default function NoticesPage() {
  const intl = useIntl();
  const client = useQueryClient();
  const canManage = useCan('notices.manage');
  const settings = useQuery({
    queryKey: NOTICES_KEY,
    queryFn: ({ signal }) => api<NoticeSettings>('GET', '/partner/notice-settings', { signal }),
    retry: false,
  });
  // The viewer's choice not saved yet (null: as the API has it).
  const [choice, setNotify] = useState<boolean | null>(null);
  const notify = choice ?? settings.data?.notifyCustomersOfIncidents ?? false;
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (value: boolean) => api<NoticeSettings>('PUT', '/partner/notice-settings', { body: { notifyCustomersOfIncidents: value } }),
    onSuccess: (data) => { client.setQueryData(NOTICES_KEY, data); setSaved(true); },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(notify);
  }
  const title = intl.formatMessage({ id: 'channel.notices.title' });
  const unchanged = settings.data?.notifyCustomersOfIncidents === notify;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted"><FormattedMessage id="channel.notices.intro" /></p>
      {settings.isPending && <Loading />}
      <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
      {settings.data && (
        <section className="card" aria-labelledby="notices-settings">
          <h2 id="notices-settings"><FormattedMessage id="channel.notices.section" /></h2>
          <p>
            <FormattedMessage id={settings.data.notifyCustomersOfIncidents ? 'channel.notices.currentOn' : 'channel.notices.currentOff'} />{' '}
            {settings.data.updatedAt
              ? <FormattedMessage id="channel.notices.chosen" values={{ at: <DateTime value={settings.data.updatedAt} /> }} />
              : <FormattedMessage id="channel.notices.neverChosen" />}
          </p>
          <form onSubmit={onSubmit}>
            <div className="field channel-check">
              <label>
                <input type="checkbox" checked={notify} disabled={!canManage || save.isPending} aria-describedby="notices-hint"
                  onChange={(e) => { setSaved(false); setNotify(e.target.checked); }} />{' '}
                <FormattedMessage id="channel.notices.label" />
              </label>
              <p id="notices-hint" className="field-hint"><FormattedMessage id="channel.notices.hint" /></p>
            </div>
            {canManage && (
              <div className="button-row">
                <button type="submit" className="button button-primary" disabled={save.isPending || unchanged}>
                  <FormattedMessage id={save.isPending ? 'channel.saving' : 'channel.notices.save'} />
                </button>
              </div>
            )}
            {save.isPending && <p className="visually-hidden" role="status"><FormattedMessage id="channel.saving" /></p>}
            {saved && !save.isPending && <p className="notice notice-success" role="status"><FormattedMessage id={notify ? 'channel.notices.savedOn' : 'channel.notices.savedOff'} /></p>}
            <ErrorNotice error={save.error} />
          </form>
        </section>
      )}
    </>
  );
}
