/**
 * Sign in: e-mail and password (and, when they match users of several organizations, which one),
 * with the language switch; back to the page that sent the visitor here.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useMe, useSignIn } from '../app/session.tsx';
import { ErrorNotice, PageTitle } from '../components/ui.tsx';

interface SignInForm { email: string; password: string; organizationId: string }

/** Only a path of this site: `next` comes from the address bar. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function SignInPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const signIn = useSignIn();
  const [organizations, setOrganizations] = useState<{ id: string; name: string }[] | null>(null);
  const { register, handleSubmit, formState: { errors } } = useForm<SignInForm>({ defaultValues: { email: '', password: '', organizationId: '' } });
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const onSubmit = handleSubmit((values) => {
    signIn.mutate(
      { email: values.email.trim(), password: values.password, ...(organizations && values.organizationId ? { organizationId: values.organizationId } : {}) },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (e) => {
          if (isApiError(e) && e.code === 'ORGANIZATION_CHOICE_REQUIRED') {
            setOrganizations(((e.problem as { organizations?: { id: string; name: string }[] } | null)?.organizations) ?? []);
          }
        },
      },
    );
  });
  const choosing = organizations !== null && organizations.length > 0;
  const showError = signIn.error && !(isApiError(signIn.error) && signIn.error.code === 'ORGANIZATION_CHOICE_REQUIRED' && choosing);

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <span className="brand">Switchboard</span>
          <LanguageSwitch />
        </div>
        <PageTitle title={intl.formatMessage({ id: 'signIn.title' })}><FormattedMessage id="signIn.title" /></PageTitle>
        <p className="muted"><FormattedMessage id="signIn.intro" /></p>
        <form onSubmit={onSubmit} noValidate className="form">
          <div className="field">
            <label htmlFor="email"><FormattedMessage id="signIn.email" /></label>
            <input id="email" type="email" autoComplete="username" aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? 'email-error' : undefined}
              {...register('email', { required: intl.formatMessage({ id: 'signIn.emailRequired' }), pattern: { value: /^\S+@\S+\.\S+$/, message: intl.formatMessage({ id: 'signIn.emailInvalid' }) } })} />
            {errors.email && <p id="email-error" className="field-error">{errors.email.message}</p>}
          </div>
          <div className="field">
            <label htmlFor="password"><FormattedMessage id="signIn.password" /></label>
            <input id="password" type="password" autoComplete="current-password" aria-invalid={errors.password ? true : undefined} aria-describedby={errors.password ? 'password-error' : undefined}
              {...register('password', { required: intl.formatMessage({ id: 'signIn.passwordRequired' }) })} />
            {errors.password && <p id="password-error" className="field-error">{errors.password.message}</p>}
          </div>
          {choosing && (
            <fieldset className="field">
              <legend><FormattedMessage id="signIn.chooseOrganization" /></legend>
              {organizations.map((o, i) => (
                <label key={o.id} className="radio">
                  <input type="radio" value={o.id} defaultChecked={i === 0} {...register('organizationId', { required: true })} /> {o.name}
                </label>
              ))}
            </fieldset>
          )}
          {showError && <ErrorNotice error={signIn.error} />}
          <button type="submit" className="button button-primary" disabled={signIn.isPending}>
            {signIn.isPending ? <FormattedMessage id="signIn.signingIn" /> : <FormattedMessage id="signIn.submit" />}
          </button>
        </form>
      </div>
    </main>
  );
}
