/**
 * The fields of an offer that creating and editing share (react-hook-form, through the form's
 * context): details (name, type, categories, summaries, description, useful links, documents),
 * the ISV contacts (support, engineering, CSP program) and the partner resources; how an offer's
 * details fill them, and how they become the API's bodies.
 */
import { useFieldArray, useFormContext, useWatch, type FieldArrayPath, type FieldError, type FieldPath } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CreateOfferBody, OfferDetails } from '../../api/types.ts';
import { CATEGORY_PATTERN, EMAIL_PATTERN, OFFER_TYPES, PHONE_PATTERN, URL_PATTERN } from './data.ts';

export interface LinkValue { title: string; url: string }
export interface ContactValue { name: string; email: string; phone: string; website: string; marketingMaterialsUrl: string }

export interface OfferFormValues {
  id: string;
  name: string;
  type: (typeof OFFER_TYPES)[number];
  categories: string;
  summary: string;
  shortDescription: string;
  description: string;
  links: LinkValue[];
  documents: LinkValue[];
  resources: { userDocumentation: LinkValue[]; training: LinkValue[]; salesAndMarketing: LinkValue[] };
  support: ContactValue;
  engineering: ContactValue;
  hasCspProgram: boolean;
  cspProgram: ContactValue;
  audience: 'any' | 'specific' | 'none';
  authorizedPartnerIds: string[];
}

const emptyContact = (): ContactValue => ({ name: '', email: '', phone: '', website: '', marketingMaterialsUrl: '' });

export function emptyOffer(): OfferFormValues {
  return {
    id: '', name: '', type: 'saas', categories: '', summary: '', shortDescription: '', description: '',
    links: [], documents: [], resources: { userDocumentation: [], training: [], salesAndMarketing: [] },
    support: emptyContact(), engineering: emptyContact(), hasCspProgram: true, cspProgram: emptyContact(),
    audience: 'any', authorizedPartnerIds: [],
  };
}

type ContactOut = NonNullable<OfferDetails['overview']['contacts']>['support'];
const contactValue = (c: ContactOut | null | undefined): ContactValue => ({
  name: c?.name ?? '', email: c?.email ?? '', phone: c?.phone ?? '', website: c?.website ?? '', marketingMaterialsUrl: c?.marketingMaterialsUrl ?? '',
});

/** The form's values of an existing offer. */
export function offerValues(o: OfferDetails): OfferFormValues {
  const r = o.overview.partnerResources;
  const c = o.overview.contacts;
  return {
    id: o.id, name: o.name, type: o.type, categories: o.categories.join(', '), summary: o.summary, shortDescription: o.shortDescription,
    description: o.overview.description, links: o.overview.links, documents: o.overview.documents,
    resources: { userDocumentation: r?.userDocumentation ?? [], training: r?.training ?? [], salesAndMarketing: r?.salesAndMarketing ?? [] },
    support: contactValue(c?.support), engineering: contactValue(c?.engineering),
    hasCspProgram: Boolean(c?.cspProgram), cspProgram: contactValue(c?.cspProgram),
    audience: o.cspAudience, authorizedPartnerIds: o.authorizedPartnerIds ?? [],
  };
}

export const categoriesOf = (text: string) => [...new Set(text.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c.length > 0))];
const trimLinks = (links: LinkValue[]) => links.map((l) => ({ title: l.title.trim(), url: l.url.trim() })).filter((l) => l.title || l.url);

/** The details part of a body (create or update). */
export function detailsBody(v: OfferFormValues) {
  return {
    name: v.name.trim(), type: v.type, categories: categoriesOf(v.categories), summary: v.summary.trim(),
    shortDescription: v.shortDescription.trim(), description: v.description.trim(), links: trimLinks(v.links), documents: trimLinks(v.documents),
  };
}

/** The contacts and partner resources part of a body. */
export function contactsBody(v: OfferFormValues): Pick<CreateOfferBody, 'contacts' | 'partnerResources'> {
  const t = (s: string) => s.trim();
  return {
    contacts: {
      support: { name: t(v.support.name), email: t(v.support.email), phone: t(v.support.phone), website: t(v.support.website) },
      engineering: { name: t(v.engineering.name), email: t(v.engineering.email), phone: t(v.engineering.phone) },
      cspProgram: v.hasCspProgram
        ? { name: t(v.cspProgram.name), email: t(v.cspProgram.email), phone: t(v.cspProgram.phone), marketingMaterialsUrl: t(v.cspProgram.marketingMaterialsUrl) }
        : null,
    },
    partnerResources: {
      userDocumentation: trimLinks(v.resources.userDocumentation), training: trimLinks(v.resources.training), salesAndMarketing: trimLinks(v.resources.salesAndMarketing),
    },
  };
}

/** A field's error and hint, tied to its input by id. */
function Problem({ id, error, hint }: { id: string; error?: FieldError; hint?: string }) {
  if (error) return <p id={`${id}-error`} className="field-error">{error.message}</p>;
  if (hint) return <p id={`${id}-hint`} className="field-hint">{hint}</p>;
  return null;
}
const describedBy = (id: string, error?: FieldError, hint?: string) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

function get(errors: unknown, path: string): FieldError | undefined {
  return path.split('.').reduce<unknown>((e, k) => (e && typeof e === 'object' ? (e as Record<string, unknown>)[k] : undefined), errors) as FieldError | undefined;
}

/** One text field of the form. */
export function TextField({ name, label, hint, required = true, maxLength, pattern, patternMessage, multiline = false, type = 'text', autoComplete }: {
  name: FieldPath<OfferFormValues>; label: string; hint?: string; required?: boolean; maxLength: number; pattern?: RegExp; patternMessage?: string;
  multiline?: boolean; type?: string; autoComplete?: string;
}) {
  const intl = useIntl();
  const { register, getValues, formState: { errors } } = useFormContext<OfferFormValues>();
  const id = `offer-${name.replace(/\./g, '-')}`;
  const error = get(errors, name);
  const rules = {
    maxLength: { value: maxLength, message: intl.formatMessage({ id: 'publishing.form.tooLong' }, { max: maxLength }) },
    validate: (v: unknown) => {
      // The CSP program contact's fields count only while it is given.
      if (name.startsWith('cspProgram.') && !getValues('hasCspProgram')) return true;
      const s = typeof v === 'string' ? v.trim() : '';
      if (required && s.length === 0) return intl.formatMessage({ id: 'publishing.form.required' });
      if (pattern && s.length > 0 && !pattern.test(s)) return patternMessage ?? intl.formatMessage({ id: 'publishing.form.invalid' });
      return true;
    },
  };
  const common = { id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy(id, error, hint), 'aria-required': required || undefined };
  return (
    <div className="field">
      <label htmlFor={id}>{label}{!required && <span className="publishing-muted"> <FormattedMessage id="publishing.form.optional" /></span>}</label>
      {multiline ? <textarea {...common} {...register(name, rules)} /> : <input type={type} autoComplete={autoComplete} {...common} {...register(name, rules)} />}
      <Problem id={id} error={error} hint={hint} />
    </div>
  );
}

/** A list of titled links (useful links, documents, partner resources): add, change, remove. */
export function LinksField({ name, legend, hint }: { name: FieldArrayPath<OfferFormValues>; legend: string; hint?: string }) {
  const intl = useIntl();
  const { control, register, formState: { errors } } = useFormContext<OfferFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const base = `offer-${name.replace(/\./g, '-')}`;
  return (
    <fieldset className="field publishing-links-field">
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {fields.length === 0 && <p className="publishing-muted"><FormattedMessage id="publishing.form.noLinks" /></p>}
      {fields.map((f, i) => {
        const titleError = get(errors, `${name}.${i}.title`);
        const urlError = get(errors, `${name}.${i}.url`);
        return (
          <div key={f.id} className="publishing-link-row">
            <div className="field">
              <label htmlFor={`${base}-${i}-title`}><FormattedMessage id="publishing.form.linkTitle" values={{ n: i + 1 }} /></label>
              <input id={`${base}-${i}-title`} aria-invalid={Boolean(titleError)} aria-describedby={titleError ? `${base}-${i}-title-error` : undefined}
                {...register(`${name}.${i}.title` as FieldPath<OfferFormValues>, {
                  validate: (v) => (typeof v === 'string' && v.trim().length > 0 && v.length <= 200) || intl.formatMessage({ id: 'publishing.form.linkTitleRequired' }),
                })} />
              {titleError && <p id={`${base}-${i}-title-error`} className="field-error">{titleError.message}</p>}
            </div>
            <div className="field">
              <label htmlFor={`${base}-${i}-url`}><FormattedMessage id="publishing.form.linkUrl" values={{ n: i + 1 }} /></label>
              <input id={`${base}-${i}-url`} type="url" inputMode="url" aria-invalid={Boolean(urlError)} aria-describedby={urlError ? `${base}-${i}-url-error` : undefined}
                {...register(`${name}.${i}.url` as FieldPath<OfferFormValues>, {
                  validate: (v) => (typeof v === 'string' && URL_PATTERN.test(v.trim()) && v.length <= 2000) || intl.formatMessage({ id: 'publishing.form.urlInvalid' }),
                })} />
              {urlError && <p id={`${base}-${i}-url-error`} className="field-error">{urlError.message}</p>}
            </div>
            <button type="button" className="button button-ghost" onClick={() => remove(i)}
              aria-label={intl.formatMessage({ id: 'publishing.form.removeLink' }, { n: i + 1, list: legend })}>
              <FormattedMessage id="publishing.form.remove" />
            </button>
          </div>
        );
      })}
      <div>
        <button type="button" className="button button-secondary" disabled={fields.length >= 50}
          onClick={() => append({ title: '', url: '' } as never)} aria-label={intl.formatMessage({ id: 'publishing.form.addLinkTo' }, { list: legend })}>
          <FormattedMessage id="publishing.form.addLink" />
        </button>
      </div>
    </fieldset>
  );
}

/** Name, type, categories, summaries, description, useful links and documents. */
export function DetailsFields({ withId }: { withId: boolean }) {
  const intl = useIntl();
  const { register } = useFormContext<OfferFormValues>();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `publishing.details.${id}` }, values);
  return (
    <>
      <div className="publishing-grid">
        {withId && (
          <TextField name="id" label={t('id')} hint={t('idHint')} maxLength={50} pattern={/^[a-z0-9_-]{1,50}$/} patternMessage={t('idInvalid')} />
        )}
        <TextField name="name" label={t('name')} maxLength={200} />
        <div className="field">
          <label htmlFor="offer-type">{t('type')}</label>
          <select id="offer-type" {...register('type')}>
            {OFFER_TYPES.map((ty) => <option key={ty} value={ty}>{intl.formatMessage({ id: `marketplace.type.${ty}` })}</option>)}
          </select>
        </div>
        <CategoriesField />
      </div>
      <TextField name="summary" label={t('summary')} hint={t('summaryHint')} maxLength={200} />
      <TextField name="shortDescription" label={t('shortDescription')} maxLength={1000} multiline />
      <TextField name="description" label={t('description')} hint={t('descriptionHint')} maxLength={20000} multiline />
      <LinksField name="links" legend={t('links')} hint={t('linksHint')} />
      <LinksField name="documents" legend={t('documents')} hint={t('documentsHint')} />
    </>
  );
}

function CategoriesField() {
  const intl = useIntl();
  const { register, formState: { errors } } = useFormContext<OfferFormValues>();
  const error = errors.categories;
  const hint = intl.formatMessage({ id: 'publishing.details.categoriesHint' });
  return (
    <div className="field">
      <label htmlFor="offer-categories"><FormattedMessage id="publishing.details.categories" /></label>
      <input id="offer-categories" aria-invalid={Boolean(error)} aria-describedby={describedBy('offer-categories', error, hint)} aria-required
        {...register('categories', {
          validate: (v) => {
            const list = categoriesOf(v);
            if (list.length < 1 || list.length > 5) return intl.formatMessage({ id: 'publishing.details.categoriesCount' });
            const bad = list.filter((c) => !CATEGORY_PATTERN.test(c));
            if (bad.length > 0) return intl.formatMessage({ id: 'publishing.details.categoriesInvalid' }, { bad: bad.join(', ') });
            return true;
          },
        })} />
      <Problem id="offer-categories" error={error} hint={hint} />
    </div>
  );
}

function ContactFields({ which, legend, hint, withWebsite = false, withMarketing = false }: {
  which: 'support' | 'engineering' | 'cspProgram'; legend: string; hint?: string; withWebsite?: boolean; withMarketing?: boolean;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id: `publishing.contacts.${id}` });
  return (
    <fieldset className="field publishing-contact">
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="publishing-grid">
        <TextField name={`${which}.name`} label={t('name')} maxLength={200} />
        <TextField name={`${which}.email`} label={t('email')} type="email" maxLength={254} pattern={EMAIL_PATTERN} patternMessage={t('emailInvalid')} />
        <TextField name={`${which}.phone`} label={t('phone')} type="tel" maxLength={40} pattern={PHONE_PATTERN} patternMessage={t('phoneInvalid')} hint={t('phoneHint')} />
        {withWebsite && <TextField name={`${which}.website`} label={t('website')} type="url" maxLength={2000} pattern={URL_PATTERN} patternMessage={t('urlInvalid')} />}
        {withMarketing && <TextField name={`${which}.marketingMaterialsUrl`} label={t('marketing')} type="url" maxLength={2000} pattern={URL_PATTERN} patternMessage={t('urlInvalid')} />}
      </div>
    </fieldset>
  );
}

/**
 * The ISV contacts (never shown to customers) and the partner resources. The CSP program contact
 * is required while partners may resell (`audience` is not `none`).
 */
export function ContactsFields({ audience }: { audience: OfferFormValues['audience'] }) {
  const intl = useIntl();
  const { register, control } = useFormContext<OfferFormValues>();
  const hasCsp = useWatch({ control, name: 'hasCspProgram' });
  const t = (id: string) => intl.formatMessage({ id: `publishing.contacts.${id}` });
  const cspRequired = audience !== 'none';
  return (
    <>
      <p className="field-hint"><FormattedMessage id="publishing.contacts.intro" /></p>
      <ContactFields which="support" legend={t('support')} hint={t('supportHint')} withWebsite />
      <ContactFields which="engineering" legend={t('engineering')} hint={t('engineeringHint')} />
      <div className="field field-check">
        <label className="checkbox">
          <input type="checkbox" {...register('hasCspProgram', {
            validate: (v) => v || !cspRequired || intl.formatMessage({ id: 'publishing.contacts.cspRequired' }),
          })} aria-describedby="offer-csp-hint" />
          <FormattedMessage id="publishing.contacts.hasCsp" />
        </label>
        <p id="offer-csp-hint" className="field-hint"><FormattedMessage id={cspRequired ? 'publishing.contacts.cspRequiredHint' : 'publishing.contacts.cspOptionalHint'} /></p>
        <CspCheckError />
      </div>
      {hasCsp && <ContactFields which="cspProgram" legend={t('cspProgram')} withMarketing />}
      <h3><FormattedMessage id="publishing.resources.title" /></h3>
      <p className="field-hint"><FormattedMessage id="publishing.resources.intro" /></p>
      <LinksField name="resources.userDocumentation" legend={intl.formatMessage({ id: 'publishing.resources.userDocumentation' })} />
      <LinksField name="resources.training" legend={intl.formatMessage({ id: 'publishing.resources.training' })} />
      <LinksField name="resources.salesAndMarketing" legend={intl.formatMessage({ id: 'publishing.resources.salesAndMarketing' })} />
    </>
  );
}

function CspCheckError() {
  const { formState: { errors } } = useFormContext<OfferFormValues>();
  return errors.hasCspProgram ? <p className="field-error" role="alert">{errors.hasCspProgram.message}</p> : null;
}
