/** Request and response schemas of the identity routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { ALL_ROLES, ORG_KINDS, PARTNER_MODELS } from '../../core/parties.ts';
import { PERMISSIONS } from '../../core/permissions.ts';
import { IsoDate, NullableIsoDate } from '../../http/schemas.ts';

export const RoleSchema = Type.Enum([...ALL_ROLES]);
export const OrgKindSchema = Type.Enum([...ORG_KINDS]);
export const PartnerModelSchema = Type.Enum([...PARTNER_MODELS]);
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' });
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

export const SignInBody = Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const CreateUserBody = Type.Object({
  email: Email, name: Name, roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 10 }),
  password: Type.Optional(Password), locale: Type.Optional(Locale),
}, { additionalProperties: false });

export const UpdateUserBody = Type.Object({
  name: Type.Optional(Name), roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 10 })),
  locale: Type.Optional(Locale), disabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

export const SetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false });

export const ApiToken = Type.Object({
  id: Type.String(), name: Type.String(), prefix: Type.String(), roles: Type.Array(RoleSchema),
  createdBy: Type.String(), createdAt: IsoDate, expiresAt: NullableIsoDate, lastUsedAt: NullableIsoDate, revokedAt: NullableIsoDate,
}, { $id: 'ApiToken', title: 'ApiToken' });

export const CreateTokenBody = Type.Object({
  name: Name,
  roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 10, description: 'Defaults to all of your roles' })),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
}, { additionalProperties: false });

export const CreateOrganizationBody = Type.Object({
  kind: Type.Enum(['operator', 'publisher', 'partner']),
  name: Name,
  partnerModel: Type.Optional(PartnerModelSchema),
  country: Country,
  admin: Type.Object({ email: Email, name: Name, password: Password }, { additionalProperties: false }),
}, { additionalProperties: false });
