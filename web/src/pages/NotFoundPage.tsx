/** An address the console doesn't have. */
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { EmptyState, PageTitle } from '../components/ui.tsx';

export default function NotFoundPage() {
  const intl = useIntl();
  return (
    <>
      <PageTitle title={intl.formatMessage({ id: 'notFound.title' })}><FormattedMessage id="notFound.title" /></PageTitle>
      <EmptyState title={<FormattedMessage id="notFound.body" />}>
        <Link to="/"><FormattedMessage id="notFound.home" /></Link>
      </EmptyState>
    </>
  );
}
