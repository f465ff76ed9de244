/** Problem codes of the notifications module (the staff mailbox). */
export const NotificationsErrorCodes = ['MAIL_NOT_FOUND'] as const;
export type NotificationsErrorCode = (typeof NotificationsErrorCodes)[number];
