import { PROFILE_EXAMPLES } from '../issue/profiles/examples.js';
import type { BatchJobRecord, BatchRowRecord } from '../store/ports.js';
import type { JobProgress, OpenedOffer } from './batch-jobs.js';
import { flatten } from './csv-columns.js';

export interface RowResult {
  row: number;
  rowKey?: string;
  status: BatchRowRecord['status'];
  credentialId?: string;
  /** The employer page of the credential (GET /v/<id>). */
  verificationUrl?: string;
  errors?: BatchRowRecord['errors'];
  /** Jobs with offers: the wallet offer (QR code content), the PIN to hand over apart from it, and the certificate with the "add to wallet" QR. */
  offer?: { offerUri: string; txCode: string; expiresAt: string; certificateUrl: string };
}

type ResultRow = BatchRowRecord & { offer?: OpenedOffer };

/** What GET /jobs/{id} (and a synchronous batch) answers: the job, its counts and every row's result so far. */
export function jobView(publicUrl: string, job: BatchJobRecord, progress: JobProgress, rows: ResultRow[]): Record<string, unknown> {
  return {
    profile: job.profile,
    format: job.format,
    mode: job.mode,
    offers: job.offers === true,
    createdAt: job.createdAt,
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt }),
    ...progress,
    links: {
      self: `${publicUrl}/jobs/${job.id}`,
      events: `${publicUrl}/jobs/${job.id}/events`,
      resultsJson: `${publicUrl}/jobs/${job.id}/results.json`,
      resultsCsv: `${publicUrl}/jobs/${job.id}/results.csv`,
    },
    results: rowResults(publicUrl, rows),
  };
}

export function rowResults(publicUrl: string, rows: ResultRow[]): RowResult[] {
  return rows.map((row) => ({
    row: row.row,
    ...(row.rowKey === undefined ? {} : { rowKey: row.rowKey }),
    status: row.status,
    ...(row.credentialId === undefined ? {} : { credentialId: row.credentialId, verificationUrl: verificationUrl(publicUrl, row.credentialId) }),
    ...(row.errors === undefined ? {} : { errors: row.errors }),
    ...(row.offer === undefined || row.credentialId === undefined
      ? {}
      : {
          offer: {
            offerUri: row.offer.offerUri,
            txCode: row.offer.txCode,
            expiresAt: row.offer.expiresAt,
            certificateUrl: `${publicUrl}/credentials/${localId(row.credentialId)}/certificate.pdf?offer=${encodeURIComponent(offerCode(row.offer.offerUri))}`,
          },
        }),
  }));
}

/** Credential ids are URLs under PUBLIC_URL (/credentials/<uuid>); the page is /v/<uuid>. */
function verificationUrl(publicUrl: string, credentialId: string): string {
  return `${publicUrl}/v/${localId(credentialId)}`;
}

function localId(credentialId: string): string {
  return encodeURIComponent(credentialId.slice(credentialId.lastIndexOf('/') + 1));
}

/** The pre-authorized code: the last segment of the credential_offer_uri the offer URI carries (what certificate.pdf?offer= takes). */
function offerCode(offerUri: string): string {
  const offerUrl = new URL(offerUri).searchParams.get('credential_offer_uri') ?? '';
  return offerUrl.slice(offerUrl.lastIndexOf('/') + 1);
}

/** RFC 4180 quoting for what we write (reading is csv-parse's job). */
function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(lines: Array<Array<string | number | undefined>>): string {
  return lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** results.csv: one line per row, in row order; the offer columns stay empty in a job without offers. */
export function resultsCsv(results: RowResult[]): string {
  return toCsv([
    ['row', 'rowKey', 'status', 'credentialId', 'verificationUrl', 'errors', 'offerUri', 'txCode', 'offerExpiresAt', 'certificateUrl'],
    ...results.map((result) => [
      result.row,
      result.rowKey,
      result.status,
      result.credentialId,
      result.verificationUrl,
      result.errors?.map((error) => `${error.pointer} ${error.detail}`).join('; '),
      result.offer?.offerUri,
      result.offer?.txCode,
      result.offer?.expiresAt,
      result.offer?.certificateUrl,
    ]),
  ]);
}

/** GET /profiles/{profile}/template.csv: rowKey, then every column the profile's example fills, and that example as one row. */
export function templateCsv(profile: string): string | undefined {
  const example = PROFILE_EXAMPLES[profile];
  if (example === undefined) return undefined;
  const { profile: _profile, format: _format, ...request } = example as Record<string, unknown>;
  const columns = flatten(request);
  // A BOM, so that spreadsheet programs open the UTF-8 (Arabic, accents) as UTF-8.
  return (
    '\uFEFF' +
    toCsv([
      ['rowKey', ...columns.map(([column]) => column)],
      ['2024-0001', ...columns.map(([, value]) => value)],
    ])
  );
}
