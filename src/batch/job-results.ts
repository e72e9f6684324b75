import { PROFILE_EXAMPLES } from '../issue/profiles/examples.js';
import type { BatchJobRecord, BatchRowRecord } from '../store/ports.js';
import type { JobProgress } from './batch-jobs.js';
import { flatten } from './csv-columns.js';

export interface RowResult {
  row: number;
  rowKey?: string;
  status: BatchRowRecord['status'];
  credentialId?: string;
  /** The employer page of the credential (GET /v/<id>). */
  verificationUrl?: string;
  errors?: BatchRowRecord['errors'];
}

/** What GET /jobs/{id} (and a synchronous batch) answers: the job, its counts and every row's result so far. */
export function jobView(publicUrl: string, job: BatchJobRecord, progress: JobProgress, rows: BatchRowRecord[]): Record<string, unknown> {
  return {
    profile: job.profile,
    format: job.format,
    mode: job.mode,
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

export function rowResults(publicUrl: string, rows: BatchRowRecord[]): RowResult[] {
  return rows.map((row) => ({
    row: row.row,
    ...(row.rowKey === undefined ? {} : { rowKey: row.rowKey }),
    status: row.status,
    ...(row.credentialId === undefined ? {} : { credentialId: row.credentialId, verificationUrl: verificationUrl(publicUrl, row.credentialId) }),
    ...(row.errors === undefined ? {} : { errors: row.errors }),
  }));
}

/** Credential ids are URLs under PUBLIC_URL (/credentials/<uuid>); the page is /v/<uuid>. */
function verificationUrl(publicUrl: string, credentialId: string): string {
  return `${publicUrl}/v/${encodeURIComponent(credentialId.slice(credentialId.lastIndexOf('/') + 1))}`;
}

/** RFC 4180 quoting for what we write (reading is csv-parse's job). */
function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(lines: Array<Array<string | number | undefined>>): string {
  return lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** results.csv: one line per row, in row order. */
export function resultsCsv(results: RowResult[]): string {
  return toCsv([
    ['row', 'rowKey', 'status', 'credentialId', 'verificationUrl', 'errors'],
    ...results.map((result) => [
      result.row,
      result.rowKey,
      result.status,
      result.credentialId,
      result.verificationUrl,
      result.errors?.map((error) => `${error.pointer} ${error.detail}`).join('; '),
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
