import { OWN_CONTEXT_BASE, VC_V2_CONTEXT } from '../resolve/known-contexts.js';

/**
 * One recognition: an authority says that an issuer (by DID) may issue credentials,
 * within a scope. The model is the W3C VC Working Group's Recognized Entities
 * (RecognizedEntityCredential → RecognizedEntity → recognizedTo RecognizedAction
 * {action: "issue", recognizedBy}); the scope follows the European Digital Credentials'
 * accreditation limits (limitQFLevel / limitJurisdiction / limitField) plus what our
 * users ask about: profiles, achievement types and exam brands.
 */

export const TRUST_CONTEXT = `${OWN_CONTEXT_BASE}trust-v1`;
export const TRUST_LIST_CONTEXTS = [VC_V2_CONTEXT, TRUST_CONTEXT];

export interface LevelLimit {
  /** A framework id of the registry (eqf, cefr, ma-cnc…). */
  framework: string;
  /** The highest level the entity may award in that framework. */
  maxLevel: string;
}

/** What the entity may issue; an absent limit does not restrict. */
export interface TrustScope {
  /** Passerelle profile names: diploma, language-level, training-module, validated-skills. */
  profiles?: string[];
  /** Open Badges 3.0 achievementType values (Diploma, Certificate, Course, …). */
  achievementTypes?: string[];
  levelLimits?: LevelLimit[];
  /** ISCED-F 2013 codes; a broad or narrow field covers the detailed fields under it (07 covers 0714). */
  fieldsOfStudy?: string[];
  /** Exam brands by identifier (trust/exam-brands.ts): goethe, telc, osd, testdaf, ecl… */
  examBrands?: string[];
  /** ISO 3166-1 alpha-2 countries where the recognition holds. */
  jurisdictions?: string[];
}

export type TrustSource =
  | { kind: 'list'; url: string; listCredentialId?: string }
  | { kind: 'operator' }
  /** Granted on this service to one of its hosted issuers, and published on GET /trust-list. */
  | { kind: 'hosted'; credentialId: string };

export interface TrustEntry {
  id: string;
  did: string;
  /** The recognized legal name by BCP 47 language tag: the authority's words, not the issuer's. */
  legalName: Record<string, string>;
  country?: string;
  recognizedBy: { id: string; name?: string };
  validFrom?: string;
  validUntil?: string;
  decisionReference?: string;
  scope: TrustScope;
  source: TrustSource;
  /** Set when the recognition was withdrawn (its credential revoked, or the operator removed it). */
  withdrawn?: { at?: string; reason: string };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const strings = (value: unknown): string[] => asArray(value).filter((item): item is string => typeof item === 'string' && item !== '');

/** A `legalName` as the list writes it (a string, a language value, or a list of them) → by language. */
export function languageMap(value: unknown, fallbackLanguage = 'en'): Record<string, string> {
  const names: Record<string, string> = {};
  for (const item of asArray(value)) {
    if (typeof item === 'string' && item !== '') names[fallbackLanguage] ??= item;
    else if (isObject(item) && typeof item['@value'] === 'string') {
      const language = typeof item['@language'] === 'string' ? item['@language'] : fallbackLanguage;
      names[language] ??= item['@value'];
    }
  }
  return names;
}

/** The same map as VC 2.0 language values, in a stable order. */
export function languageValues(names: Record<string, string>): Array<{ '@value': string; '@language': string }> {
  return Object.keys(names)
    .sort()
    .map((language) => ({ '@value': names[language] as string, '@language': language }));
}

export function scopeFromJson(value: unknown): TrustScope {
  if (!isObject(value)) return {};
  const levelLimits = asArray(value.levelLimits)
    .filter(isObject)
    .flatMap((limit) =>
      typeof limit.framework === 'string' && typeof limit.maxLevel === 'string' ? [{ framework: limit.framework, maxLevel: limit.maxLevel }] : [],
    );
  const scope: TrustScope = {};
  const lists = ['profiles', 'achievementTypes', 'fieldsOfStudy', 'examBrands', 'jurisdictions'] as const;
  for (const name of lists) if (value[name] !== undefined) scope[name] = strings(value[name]);
  if (value.levelLimits !== undefined) scope.levelLimits = levelLimits;
  return scope;
}

/** Our scope as the list writes it (the trust-v1 context). */
export function scopeToJson(scope: TrustScope): Json {
  return {
    type: 'RecognitionScope',
    ...(scope.profiles === undefined ? {} : { profiles: scope.profiles }),
    ...(scope.achievementTypes === undefined ? {} : { achievementTypes: scope.achievementTypes }),
    ...(scope.levelLimits === undefined ? {} : { levelLimits: scope.levelLimits.map((limit) => ({ type: 'LevelLimit', ...limit })) }),
    ...(scope.fieldsOfStudy === undefined ? {} : { fieldsOfStudy: scope.fieldsOfStudy }),
    ...(scope.examBrands === undefined ? {} : { examBrands: scope.examBrands }),
    ...(scope.jurisdictions === undefined ? {} : { jurisdictions: scope.jurisdictions }),
  };
}

/**
 * The entries of one verified RecognizedEntityCredential. Only `issue` actions count,
 * and only those the list's own issuer recognized (recognizedBy = issuer): a list
 * cannot speak for another authority. What is skipped is said, for GET /trust.
 */
export function entriesOfListCredential(
  credential: Json,
  source: TrustSource,
  issuer: { id: string; name?: string },
): { entries: TrustEntry[]; skipped: string[] } {
  const entries: TrustEntry[] = [];
  const skipped: string[] = [];
  const credentialId = typeof credential.id === 'string' ? credential.id : undefined;
  asArray(credential.credentialSubject).forEach((subject, index) => {
    const where = `${credentialId ?? 'the list'}, subject ${index + 1}`;
    if (!isObject(subject) || typeof subject.id !== 'string') return skipped.push(`${where}: no subject id (DID)`);
    if (!strings(subject.type).includes('RecognizedEntity')) return skipped.push(`${where}: not a RecognizedEntity`);
    const actions = asArray(subject.recognizedTo).filter(isObject);
    const action = actions.find((candidate) => candidate.action === 'issue');
    if (action === undefined) return skipped.push(`${where}: no recognizedTo action "issue"`);
    if (action.recognizedBy !== undefined && action.recognizedBy !== issuer.id) {
      return skipped.push(`${where}: recognizedBy ${String(action.recognizedBy)} is not the list's signer ${issuer.id}`);
    }
    const legalName = languageMap(subject.legalName ?? subject.name);
    entries.push({
      id: `${credentialId ?? source.kind}#${subject.id}`,
      did: subject.id,
      legalName,
      ...(typeof subject.country === 'string' ? { country: subject.country } : {}),
      recognizedBy: issuer,
      ...(typeof action.validFrom === 'string' ? { validFrom: action.validFrom } : {}),
      ...(typeof action.validUntil === 'string' ? { validUntil: action.validUntil } : {}),
      ...(typeof action.decisionReference === 'string' ? { decisionReference: action.decisionReference } : {}),
      scope: scopeFromJson(action.scope),
      source,
    });
    return undefined;
  });
  return { entries, skipped };
}

/** One recognized entity as a credentialSubject of a RecognizedEntityCredential. */
export function recognizedEntitySubject(entry: Omit<TrustEntry, 'id' | 'source'>): Json {
  return {
    id: entry.did,
    type: 'RecognizedEntity',
    legalName: languageValues(entry.legalName),
    ...(entry.country === undefined ? {} : { country: entry.country }),
    recognizedTo: {
      type: 'RecognizedAction',
      action: 'issue',
      recognizedBy: entry.recognizedBy.id,
      ...(entry.validFrom === undefined ? {} : { validFrom: entry.validFrom }),
      ...(entry.validUntil === undefined ? {} : { validUntil: entry.validUntil }),
      ...(entry.decisionReference === undefined ? {} : { decisionReference: entry.decisionReference }),
      scope: scopeToJson(entry.scope),
    },
  };
}
