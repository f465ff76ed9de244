import {
  AcceptedResponse,
  Address,
  AddressList,
  AdminUser,
  AuthResponse,
  LoginLog,
  Me,
  SessionList,
  UserList,
  type AddressInput,
  type LoginBody,
  type ProfileUpdateBody,
  type RegisterBody,
  type Role,
} from '@shop/contracts/identity';
import type { ApiClient, QueryValue } from '$lib/api/client';
import { id, session } from './http';

/** Sign-up, sign-in and the emails around them (`/api/auth/*`). */
export function authEndpoints(api: ApiClient) {
  return {
    register: (body: RegisterBody) => api.post('/api/auth/register', { body, schema: AuthResponse }),
    login: (body: LoginBody) => api.post('/api/auth/login', { body, schema: AuthResponse }),
    logout: () => api.post('/api/auth/logout'),
    logoutAll: () => api.post('/api/auth/logout-all', session),
    me: () => api.get('/api/auth/me', { ...session, schema: Me }),
    forgotPassword: (body: { email: string }) => api.post('/api/auth/password/forgot', { body, schema: AcceptedResponse }),
    resetPassword: (body: { token: string; newPassword: string }) => api.post('/api/auth/password/reset', { body }),
    verifyEmail: (body: { token: string }) => api.post('/api/auth/email/verify', { body }),
    resendVerification: () => api.post('/api/auth/email/resend', session),
  };
}

/** The signed-in user's own profile, password, sessions and address book (`/api/users/me/*`). */
export function accountEndpoints(api: ApiClient) {
  return {
    profile: () => api.get('/api/users/me/profile', { schema: Me }),
    updateProfile: (body: ProfileUpdateBody) => api.put('/api/users/me/profile', { body, schema: Me }),
    changePassword: (body: { currentPassword: string; newPassword: string }) => api.post('/api/users/me/password', { body }),
    sessions: () => api.get('/api/users/me/sessions', { schema: SessionList }),
    endSession: (sessionId: string) => api.delete(`/api/users/me/sessions/${id(sessionId)}`),
    addresses: () => api.get('/api/users/me/addresses', { schema: AddressList }),
    address: (addressId: string) => api.get(`/api/users/me/addresses/${id(addressId)}`, { schema: Address }),
    createAddress: (body: AddressInput) => api.post('/api/users/me/addresses', { body, schema: Address }),
    updateAddress: (addressId: string, body: AddressInput) =>
      api.put(`/api/users/me/addresses/${id(addressId)}`, { body, schema: Address }),
    deleteAddress: (addressId: string) => api.delete(`/api/users/me/addresses/${id(addressId)}`),
  };
}

/** Staff management of user accounts: list, detail, login log, roles, disable/enable/unlock. */
export function userAdminEndpoints(api: ApiClient) {
  return {
    users: (query: Record<string, QueryValue>) => api.get('/api/admin/users', { query, schema: UserList }),
    user: (userId: string) => api.get(`/api/admin/users/${id(userId)}`, { schema: AdminUser }),
    loginLog: (userId: string, page: number) => api.get(`/api/admin/users/${id(userId)}/login-log`, { query: { page }, schema: LoginLog }),
    grantRole: (userId: string, role: Role) => api.post(`/api/admin/users/${id(userId)}/roles`, { body: { role }, schema: AdminUser }),
    revokeRole: (userId: string, role: Role) => api.delete(`/api/admin/users/${id(userId)}/roles/${id(role)}`, { schema: AdminUser }),
    disableUser: (userId: string) => api.post(`/api/admin/users/${id(userId)}/disable`, { schema: AdminUser }),
    enableUser: (userId: string) => api.post(`/api/admin/users/${id(userId)}/enable`, { schema: AdminUser }),
    unlockUser: (userId: string) => api.post(`/api/admin/users/${id(userId)}/unlock`, { schema: AdminUser }),
  };
}
