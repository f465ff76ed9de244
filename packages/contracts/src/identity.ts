import { z } from 'zod';
import { Paged } from './common.js';
import { findTaiwanCity, normalisePlaceName, normaliseTaiwanPhone } from './tw-address.js';

export const Roles = ['customer', 'ops', 'support', 'admin'] as const;
export const Role = z.enum(Roles);
export type Role = z.infer<typeof Role>;

export const Locale = z.enum(['zh-TW', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Email = z.email({ error: 'Enter a valid email address.' }).trim().max(254);
/** Taiwan mobile number as typed (spaces, dashes, +886 …), kept as digits only: 09xxxxxxxx. */
export const TaiwanMobile = z
  .string()
  .max(40)
  .transform(normaliseTaiwanPhone)
  .pipe(z.string().regex(/^09\d{8}$/, { error: 'Enter a Taiwan mobile number like 0912345678.' }));
/** Strength beyond length (the common-password list) is checked on the server. */
export const NewPassword = z.string().min(10, { error: 'Use at least 10 characters.' }).max(128, { error: 'Use at most 128 characters.' });
export const DisplayName = z.string().trim().min(1).max(60);

export const RegisterBody = z.object({
  email: Email,
  password: NewPassword,
  displayName: DisplayName,
  phone: TaiwanMobile.optional(),
  locale: Locale.optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

/** How long a password-reset link works; the mail and the page that sends it both say so. */
export const PASSWORD_RESET_MINUTES = 60;

/** `identifier` is an email address or a Taiwan mobile number. */
export const LoginBody = z.object({
  identifier: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  locale: Locale,
  roles: z.array(Role),
  emailVerified: z.boolean(),
  /** True when the shop requires a verified email before checkout and this one is not. */
  mustVerifyBeforeCheckout: z.boolean(),
  /** True for the first admin while its generated password is unchanged: every other API call answers 403 PASSWORD_CHANGE_REQUIRED. */
  mustChangePassword: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Me = z.infer<typeof Me>;

/**
 * Answer of login and refresh. The refresh token travels only in its httpOnly cookie; the
 * access token is also in the body for API clients using `Authorization: Bearer`.
 */
export const AuthResponse = z.object({
  user: Me,
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});
export type AuthResponse = z.infer<typeof AuthResponse>;

/** Register, forgot-password and resend answer alike for known and unknown emails. */
export const AcceptedResponse = z.object({ status: z.literal('accepted') });

export const ProfileResponse = Me;
export const ProfileUpdateBody = z
  .object({
    displayName: DisplayName.optional(),
    phone: TaiwanMobile.nullable().optional(),
    locale: Locale.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'Change at least one field.' });
export type ProfileUpdateBody = z.infer<typeof ProfileUpdateBody>;

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(128), newPassword: NewPassword });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
export const ForgotPasswordBody = z.object({ email: Email });
export const ResetPasswordBody = z.object({ token: z.string().min(10).max(200), newPassword: NewPassword });
export const VerifyEmailBody = z.object({ token: z.string().min(10).max(200) });

export const Session = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export const SessionList = z.object({ items: z.array(Session) });
export { IdParams } from './common.js';

// ---------- addresses ----------

/** Taiwan postal codes: 3 digits, or 3+2 / 3+3 digits. */
export const TaiwanPostalCode = z
  .string()
  .trim()
  .regex(/^\d{3}(\d{2,3})?$/, { error: 'Enter a 3, 5 or 6 digit postal code.' });
/**
 * Mobile 09xxxxxxxx or landline 0x-xxxxxxx(x), as typed (spaces, dashes, +886 …); stored as
 * digits only.
 */
export const TaiwanPhone = z
  .string()
  .max(40)
  .transform(normaliseTaiwanPhone)
  .pipe(z.string().regex(/^(09\d{8}|0[2-8]\d{7,8})$/, { error: 'Enter a Taiwan phone number like 0912345678 or 02-23456789.' }));

/** Why an address's places do not fit together: the `code` of its field error. */
export const AddressIssueCodes = {
  unknownCity: 'unknown_city',
  districtNotInCity: 'district_not_in_city',
  postalCodeMismatch: 'postal_code_mismatch',
} as const;

const AddressFields = z.object({
  recipientName: z.string().trim().min(1).max(60),
  phone: TaiwanPhone,
  postalCode: TaiwanPostalCode,
  city: z.string().trim().min(1).max(20).transform(normalisePlaceName),
  district: z.string().trim().min(1).max(20).transform(normalisePlaceName),
  line1: z.string().trim().min(1).max(120),
  line2: z.string().trim().max(120).optional().default(''),
  isDefault: z.boolean().optional().default(false),
});

/**
 * An address in Taiwan: the 縣市 must exist, the 鄉鎮市區 must lie in it and the postal code must
 * start with the district's 3 digits. 台/臺 are read alike and stored as 臺.
 */
export const AddressInput = AddressFields.superRefine((a, ctx) => {
  const city = findTaiwanCity(a.city);
  if (!city) {
    ctx.addIssue({
      code: 'custom',
      path: ['city'],
      message: 'Choose a city or county of Taiwan.',
      params: { code: AddressIssueCodes.unknownCity },
    });
    return;
  }
  const district = city.districts.find((d) => d.name === a.district);
  if (!district) {
    ctx.addIssue({
      code: 'custom',
      path: ['district'],
      message: `Choose a district of ${city.name}.`,
      params: { code: AddressIssueCodes.districtNotInCity },
    });
    return;
  }
  if (!a.postalCode.startsWith(district.zip)) {
    ctx.addIssue({
      code: 'custom',
      path: ['postalCode'],
      message: `The postal code of ${city.name}${district.name} starts with ${district.zip}.`,
      params: { code: AddressIssueCodes.postalCodeMismatch, expected: district.zip },
    });
  }
});
export type AddressInput = z.infer<typeof AddressInput>;
export const Address = z.object({
  id: z.uuid(),
  recipientName: z.string(),
  phone: z.string(),
  postalCode: z.string(),
  city: z.string(),
  district: z.string(),
  line1: z.string(),
  line2: z.string(),
  isDefault: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Address = z.infer<typeof Address>;
export const AddressList = z.object({ items: z.array(Address) });

// ---------- admin: users ----------

export const UserStatus = z.enum(['active', 'disabled']);
export const AdminUser = Me.extend({
  status: UserStatus,
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const UserListQuery = Paging.extend({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  status: UserStatus.optional(),
});
export const UserList = Paged(AdminUser);

export const LoginOutcome = z.enum(['success', 'failure']);
export const LoginLogEntry = z.object({
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  identifier: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  outcome: LoginOutcome,
  /** bad_credentials, locked, disabled, unknown_account, or null on success. */
  reason: z.string().nullable(),
});
export const LoginLog = Paged(LoginLogEntry);

export const RoleParams = z.object({ id: z.uuid(), role: Role });
export const GrantRoleBody = z.object({ role: Role });
