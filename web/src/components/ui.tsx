/**
 * The console's shared pieces: page title, loading and error states, empty states, a pager, a
 * confirmation dialog (React Aria: focus trapped and restored, Escape closes), badges.
 */
import { useEffect, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay, ProgressBar } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { useErrorMessage } from '../app/errors.ts';

/** The page's one h1, and the document title after it. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => { document.title = `${title} · Switchboard`; }, [title]);
  return <h1 className="page-title">{children}</h1>;
}

export function Loading({ label }: { label?: string }) {
  const intl = useIntl();
  return <p className="loading" role="status" aria-live="polite">{label ?? intl.formatMessage({ id: 'common.loading' })}</p>;
}

/** An error said in the viewer's language, announced to screen readers. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{message(error)}</p>
      {onRetry && <Button className="button button-secondary" onPress={onRetry}><FormattedMessage id="common.retry" /></Button>}
    </div>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-hint">{children}</div>}
    </div>
  );
}

/** Next/first page of a cursor-paged list. */
export function Pager({ hasNext, onNext, onFirst, isFirst, busy }: { hasNext: boolean; onNext: () => void; onFirst: () => void; isFirst: boolean; busy?: boolean }) {
  const intl = useIntl();
  if (isFirst && !hasNext) return null;
  return (
    <nav className="pager" aria-label={intl.formatMessage({ id: 'common.pages' })}>
      <Button className="button button-secondary" isDisabled={isFirst || busy} onPress={onFirst}><FormattedMessage id="common.firstPage" /></Button>
      <Button className="button button-secondary" isDisabled={!hasNext || busy} onPress={onNext}><FormattedMessage id="common.nextPage" /></Button>
    </nav>
  );
}

/** A progress bar for slow actions (uploads); indeterminate without a value. */
export function Progress({ label, value }: { label: string; value?: number }) {
  return (
    <ProgressBar className="progress" aria-label={label} {...(value === undefined ? { isIndeterminate: true } : { value: Math.round(value * 100) })}>
      {({ percentage }) => (
        <>
          <span className="progress-label">{label}{percentage !== undefined ? ` ${Math.round(percentage)} %` : ''}</span>
          <span className="progress-track"><span className="progress-fill" style={{ width: `${percentage ?? 100}%` }} /></span>
        </>
      )}
    </ProgressBar>
  );
}

/**
 * Asks before doing something that can't be taken back or that others will see. `isOpen` and
 * `onOpenChange` are the caller's; `onConfirm` runs on the confirming button.
 */
export function ConfirmDialog({ isOpen, onOpenChange, title, children, confirmLabel, onConfirm, tone = 'default' }: {
  isOpen: boolean; onOpenChange: (open: boolean) => void; title: string; children: ReactNode; confirmLabel: string; onConfirm: () => void; tone?: 'default' | 'warning';
}) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className={`dialog dialog-${tone}`} role="alertdialog">
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog-title">{title}</Heading>
              <div className="dialog-body">{children}</div>
              <div className="dialog-actions">
                <Button className="button button-secondary" onPress={close}><FormattedMessage id="common.cancel" /></Button>
                <Button className="button button-primary" autoFocus onPress={() => { onConfirm(); close(); }}>{confirmLabel}</Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** A small label with a tone (status, severity, SLA state). */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A date and time in the viewer's language and time zone, with the exact instant on hover. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const intl = useIntl();
  if (!value) return <span>—</span>;
  const date = new Date(value);
  return <time dateTime={value} title={date.toISOString()}>{intl.formatDate(date, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}
