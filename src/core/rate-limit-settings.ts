/** The request limits the HTTP edge applies (from the configuration), each 0 to switch its policy off. */
export interface RateLimitSettings {
  perCredentialPerMinute: number;
  perOrganizationPerMinute: number;
  /** Unauthenticated requests other than sign-in, per client address. */
  perAnonymousAddressPerMinute: number;
  signInPerAddressAndEmailPerMinute: number;
  signInPerAddressPerMinute: number;
  /** Sign-ins from every address together, shared by every process. */
  signInPerMinute: number;
  /** Sign-ins this process accepts per second, counted in memory. */
  signInPerSecondPerProcess: number;
}
