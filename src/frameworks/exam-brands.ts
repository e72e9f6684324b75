/**
 * Exam brands that language requirements name, by identifier. A brand is recognized for
 * an issuer only by an authority's trust entry (scope.examBrands); the names and web
 * origins here serve to say which brand a credential *names* as its provider, which is
 * the issuer's claim and never proof. Names are compared whole, never as substrings:
 * "Goethe Sprachschule Tanger" is not the Goethe-Institut.
 */
export interface ExamBrand {
  id: string;
  name: string;
  /** Web origins the brand publishes under (a provider id in a credential may be one). */
  origins: string[];
  names: string[];
}

export const EXAM_BRANDS: readonly ExamBrand[] = [
  { id: 'goethe', name: 'Goethe-Institut', origins: ['https://www.goethe.de'], names: ['Goethe-Institut', 'Goethe-Institut e.V.'] },
  { id: 'telc', name: 'telc', origins: ['https://www.telc.net'], names: ['telc', 'telc gGmbH'] },
  { id: 'osd', name: 'ÖSD', origins: ['https://www.osd.at'], names: ['ÖSD', 'Österreichisches Sprachdiplom Deutsch'] },
  { id: 'testdaf', name: 'TestDaF', origins: ['https://www.testdaf.de'], names: ['TestDaF', 'TestDaF-Institut', 'g.a.s.t.'] },
  { id: 'ecl', name: 'ECL', origins: ['https://ecl-test.com'], names: ['ECL', 'ECL Examinations'] },
  { id: 'dele', name: 'DELE (Instituto Cervantes)', origins: ['https://www.cervantes.es', 'https://examenes.cervantes.es'], names: ['Instituto Cervantes'] },
  {
    id: 'delf-dalf',
    name: 'DELF / DALF (France Éducation international)',
    origins: ['https://www.france-education-international.fr'],
    names: ['France Éducation international'],
  },
];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function examBrand(id: string): ExamBrand | undefined {
  return EXAM_BRANDS.find((brand) => brand.id === id);
}

/** The brands a credential names as its exam provider: by web origin of the provider id, or by a whole name. */
export function brandsNamedBy(provider: { id?: string; names: string[] } | undefined): ExamBrand[] {
  if (provider === undefined) return [];
  let origin: string | undefined;
  try {
    origin = provider.id === undefined ? undefined : new URL(provider.id).origin;
  } catch {
    origin = undefined;
  }
  const names = new Set(provider.names.map(fold));
  return EXAM_BRANDS.filter((brand) => (origin !== undefined && brand.origins.includes(origin)) || brand.names.some((name) => names.has(fold(name))));
}
