/** The authenticated caller, resolved from the access token by platform/auth.ts. */
export interface Actor {
  userId: string;
  roles: string[];
  sessionId: string;
  /** The account's password was generated and printed; nothing but changing it is allowed. */
  mustChangePassword?: boolean | undefined;
}
