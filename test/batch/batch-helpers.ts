import { parse } from 'csv-parse/sync';

/** A diploma cohort CSV: the columns a registrar fills, one student per row. */
export const DIPLOMA_COLUMNS = [
  'rowKey',
  'primaryLanguage',
  'holder.name',
  'holder.birthDate',
  'holder.identifiers.0.type',
  'holder.identifiers.0.value',
  'title.fr',
  'title.ar',
  'description.fr',
  'achievementType',
  'awardingBody.id',
  'awardingBody.name',
  'awardingBody.country',
  'awardDate',
  'level.framework',
  'level.level',
  'fieldOfStudy.iscedF',
  'hours',
  'grade.value',
] as const;

export function diplomaRow(index: number, overrides: Partial<Record<(typeof DIPLOMA_COLUMNS)[number], string>> = {}): Record<string, string> {
  return {
    rowKey: `2024-${String(index).padStart(5, '0')}`,
    primaryLanguage: 'fr',
    'holder.name': `Étudiant ${index}`,
    'holder.birthDate': '2001-03-14',
    'holder.identifiers.0.type': 'nationalId',
    'holder.identifiers.0.value': `BK${String(100000 + index)}`,
    'title.fr': 'Technicien spécialisé en électromécanique',
    'title.ar': 'تقني متخصص في الكهروميكانيك',
    'description.fr': 'Diplôme de la formation professionnelle, niveau Technicien spécialisé.',
    achievementType: 'Diploma',
    'awardingBody.id': 'https://www.ofppt.ma',
    'awardingBody.name': 'OFPPT',
    'awardingBody.country': 'MA',
    awardDate: '2024-07-12',
    'level.framework': 'ma-cnc',
    'level.level': '5',
    'fieldOfStudy.iscedF': '0714',
    hours: '2600',
    'grade.value': '15.62',
    ...overrides,
  };
}

/** Rows → CSV text with the given separator (quotes where needed). */
export function toCsv(rows: Array<Record<string, string>>, separator = ',', columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  const cell = (value: string) => (/["\r\n,;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [columns.join(separator), ...rows.map((row) => columns.map((column) => cell(row[column] ?? '')).join(separator))].join('\r\n') + '\r\n';
}

export function parseCsv(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, bom: true }) as Array<Record<string, string>>;
}

/** Reads a Server-Sent Events stream until it ends; returns the events. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
export async function readEvents(url: string, headers: Record<string, string>): Promise<Array<{ event: string; data: any }>> {
  const response = await fetch(url, { headers });
  if (response.status !== 200 || response.body === null) throw new Error(`events: ${response.status} ${await response.text()}`);
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Array<{ event: string; data: any }> = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      events.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
    }
  }
  return events;
}
