import type { decodeList } from './bitstring.js';

/** A status list credential after its proof, issuer and validity were checked, decoded. */
export interface TrustedStatusList {
  issuer: unknown;
  purposes: unknown[];
  bits: ReturnType<typeof decodeList>;
  /** The window in which this verification holds (the list's validFrom/validUntil), epoch ms. */
  notBefore: number;
  notAfter: number;
}

/** A fetched status list credential (a signed VC object or a compact JWT), not yet checked. */
export interface FetchedStatusList {
  readonly body: unknown;
}

/** Checks and decodes a fetched list, or says why it cannot be trusted. */
export type VerifyStatusList = (fetched: FetchedStatusList) => Promise<TrustedStatusList | string>;
