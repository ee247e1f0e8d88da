/** Request and response schemas of the identity routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { ALL_ROLES, ORG_KINDS, PARTNER_MODELS } from '../../core/parties.ts';
import { PERMISSIONS } from '../../core/permissions.ts';
import { IsoDate, NullableIsoDate } from '../../http/schemas.ts';

export const RoleSchema = Type.Enum([...ALL_ROLES]);
export const OrgKindSchema = Type.Enum([...ORG_KINDS]);
export const PartnerModelSchema = Type.Enum([...PARTNER_MODELS]);
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({
  minLength: 12, maxLength: 200,
  description: 'At least 12 characters, hard to guess (zxcvbn score 3 or more), without your e-mail or name; refused with PASSWORD_TOO_WEAK and a hint',
});
export const Locale = Type.Enum(['en', 'ko']);
export const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const Organization = Type.Object({
  id: Type.String(),
  kind: OrgKindSchema,
  name: Type.String(),
  partnerModel: Type.Union([PartnerModelSchema, Type.Null()]),
  country: Type.String(),
  inGoodStanding: Type.Boolean(),
}, { $id: 'Organization', title: 'Organization' });

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(RoleSchema),
  locale: Locale,
  disabled: Type.Boolean(),
  createdAt: IsoDate,
}, { $id: 'User', title: 'User' });

export const Me = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), roles: Type.Array(RoleSchema), locale: Locale }),
  organization: Type.Ref('Organization'),
  permissions: Type.Array(Type.Enum([...PERMISSIONS])),
  via: Type.Enum(['session', 'token']),
});

export const SignInBody = Type.Object({
  email: Email, password: Type.String({ minLength: 1, maxLength: 200 }),
  organizationId: Type.Optional(Type.String({
    minLength: 1, maxLength: 64, pattern: '^[a-z0-9_-]+$',
    description: 'The organization to sign in to, when the e-mail and password match users of several (ORGANIZATION_CHOICE_REQUIRED lists them)',
  })),
}, { additionalProperties: false });

export const CreateUserBody = Type.Object({
  email: Email, name: Name, roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 10 }),
  password: Type.Optional(Password), locale: Type.Optional(Locale),
}, { additionalProperties: false });

export const UpdateUserBody = Type.Object({
  name: Type.Optional(Name), roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 10 })),
  locale: Type.Optional(Locale), disabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

export const SetPasswordBody = Type.Object({
  password: Password,
  currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Required to change your own password' })),
}, { additionalProperties: false });

export const Session = Type.Object({
  id: Type.String(),
  createdAt: IsoDate,
  lastSeenAt: NullableIsoDate,
  expiresAt: IsoDate,
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: 'Whether this is the session of this request' }),
}, { $id: 'Session', title: 'Session' });

export const ApiToken = Type.Object({
  id: Type.String(), name: Type.String(), prefix: Type.String(), roles: Type.Array(RoleSchema),
  createdBy: Type.String(), createdAt: IsoDate, expiresAt: IsoDate, lastUsedAt: NullableIsoDate, revokedAt: NullableIsoDate,
}, { $id: 'ApiToken', title: 'ApiToken' });

export const CreateTokenBody = Type.Object({
  name: Name,
  roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 10, description: 'Defaults to all of your roles' })),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Defaults to, and may not exceed, the server\'s token lifetime (TOKEN_TTL_DAYS, 90 unless configured)' })),
}, { additionalProperties: false });

export const CreateOrganizationBody = Type.Object({
  kind: Type.Enum(['operator', 'publisher', 'partner']),
  name: Name,
  partnerModel: Type.Optional(PartnerModelSchema),
  country: Country,
  admin: Type.Object({ email: Email, name: Name, password: Password }, { additionalProperties: false }),
}, { additionalProperties: false });
