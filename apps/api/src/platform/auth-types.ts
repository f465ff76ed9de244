/** The authenticated caller, resolved from the access token by platform/auth.ts. */
export interface Actor {
  userId: string;
  roles: string[];
  sessionId: string;
}
