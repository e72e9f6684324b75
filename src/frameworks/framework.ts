/** The shape of `src/frameworks/data/<id>.json` (schemas/framework.schema.json). */

/** Text by BCP 47 tag; `en` is always present (and `fr` for names and labels). */
export type Text = Record<string, string> & { en: string };

export type Basis = 'official' | 'indicative' | 'none';
export type HubId = 'eqf' | 'acqf';
export const HUBS: readonly HubId[] = ['eqf', 'acqf'];

export interface Source {
  key: string;
  url: string;
  title: string;
  weak?: boolean;
}

export interface Referencing {
  framework: HubId;
  status: Basis;
  year?: number;
  report?: { url: string; title: string };
  note: string;
  /** Set when a fact here is not confirmed by a source: shown with every answer that rests on it. */
  verify?: string;
  sources: string[];
}

export interface Correspondence {
  framework: string;
  levels: string[];
  basis: Exclude<Basis, 'none'>;
  rationale?: string;
  /** What an indicative correspondence compares (reports say it). */
  method?: 'descriptor' | 'qualification-type' | 'level-title';
  verify?: string;
  sources: string[];
}

export interface Level {
  code: string;
  aliases?: string[];
  uri?: string;
  label: Text;
  descriptor: Text;
  examples?: Array<{ name: string; note?: string; verify?: string; sources?: string[] }>;
  correspondence?: Correspondence[];
  verify?: string;
}

export interface Framework {
  id: string;
  kind: 'qualifications' | 'language';
  version: string;
  dataVersion: string;
  status: 'in force' | 'launched' | 'in development';
  statusNote?: string;
  country?: string;
  region?: string;
  name: Text;
  abbreviation: string;
  /** How reasons name it: "Morocco CNC". */
  shortName: string;
  publisher: { name: string; url?: string };
  legalBasis?: string;
  sources: Source[];
  referencing: Referencing[];
  /** Lowest first: a level's index is its rank. */
  levels: Level[];
  notes?: string[];
  verify?: string[];
}

/** The text in `lang` when the data has it, else English. */
export function pick(text: Text, lang?: string): string {
  if (lang !== undefined) {
    const exact = text[lang] ?? text[lang.split('-')[0] ?? ''];
    if (exact !== undefined) return exact;
  }
  return text.en;
}
