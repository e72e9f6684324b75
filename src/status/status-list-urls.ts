import type { CredentialFormat, StatusPurpose } from '../store/ports.js';

/**
 * One list, two purposes, two proof formats: `/status-lists/<id>/<purpose>` is the
 * Data Integrity credential and `…/<purpose>.jwt` the VC-JOSE one. A credential
 * points at the form of its own format family.
 */
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

export function statusListUrl(publicUrl: string, listId: string, purpose: StatusPurpose, format: CredentialFormat): string {
  return `${publicUrl}/status-lists/${listId}/${purpose}${format === 'jwt' ? '.jwt' : ''}`;
}

export interface ParsedStatusListUrl {
  listId: string;
  purpose: StatusPurpose;
  format: CredentialFormat;
}

/** The parts of one of our own list URLs, or undefined for any other URL. */
export function parseStatusListUrl(publicUrl: string, url: string): ParsedStatusListUrl | undefined {
  const prefix = `${publicUrl}/status-lists/`;
  if (!url.startsWith(prefix)) return undefined;
  return parseStatusListPath(url.slice(prefix.length));
}

export function parseStatusListPath(path: string): ParsedStatusListUrl | undefined {
  const match = /^([0-9a-f-]{36})\/(revocation|suspension)(\.jwt)?$/.exec(path);
  if (match === null) return undefined;
  return { listId: match[1] as string, purpose: match[2] as StatusPurpose, format: match[3] === undefined ? 'di' : 'jwt' };
}
