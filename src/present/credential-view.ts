import type { IssuerRecord } from '../store/ports.js';
import { firstObject, pickText, primaryLanguageOf, type LocalizedText } from './localized-text.js';

/** What a paper certificate shows, read from any VC (OB 3.0 AchievementCredential or plain). */
export interface CredentialView {
  id?: string;
  primaryLanguage?: string;
  holder?: LocalizedText;
  issuer: { name?: LocalizedText; id?: string };
  achievement: { name?: LocalizedText; description?: LocalizedText; type?: string };
  /** Levels and classifications the achievement is aligned to (frameworks, occupations). */
  alignments: Array<{ framework?: LocalizedText; code?: string; name?: LocalizedText }>;
  /** Results with a level, e.g. a CEFR level per skill (listening B1, writing A2…). */
  results: Array<{ skill?: LocalizedText; level: LocalizedText }>;
  validFrom?: string;
  validUntil?: string;
}

type Json = Record<string, unknown>;

/**
 * Display fields only. Identifiers (`identifier[]`, salted hashes) are never read, so
 * they cannot reach the page; a holder's `id` (a DID) is not shown either.
 */
export function viewCredential(credential: Json, language: string, issuerRecord?: IssuerRecord): CredentialView {
  const primary = primaryLanguageOf(credential);
  const text = (value: unknown) => pickText(value, language, primary);
  const subject = firstObject(credential.credentialSubject) ?? {};
  const achievement = firstObject(subject.achievement) ?? {};
  const issuer = typeof credential.issuer === 'string' ? { id: credential.issuer } : (firstObject(credential.issuer) ?? {});

  return {
    ...(typeof credential.id === 'string' ? { id: credential.id } : {}),
    ...(primary === undefined ? {} : { primaryLanguage: primary }),
    ...optional('holder', text(subject.name) ?? clearNameIdentifier(subject.identifier)),
    issuer: {
      ...optional('name', issuerName(issuerRecord, language, primary) ?? text(issuer.name)),
      ...(typeof issuer.id === 'string' ? { id: issuer.id } : {}),
    },
    achievement: {
      // Our profiles put every language in localizedName/-Description (the plain term holds the primary one).
      ...optional('name', text(achievement.localizedName) ?? text(achievement.name) ?? text(credential.name)),
      ...optional('description', text(achievement.localizedDescription) ?? text(achievement.description) ?? text(credential.description)),
      ...(typeof achievement.achievementType === 'string' ? { type: achievement.achievementType } : {}),
    },
    alignments: list(achievement.alignment).map((alignment) => ({
      ...optional('framework', text(alignment.targetFramework) ?? text(alignment.frameworkId)),
      ...(typeof alignment.targetCode === 'string' ? { code: alignment.targetCode } : {}),
      ...optional('name', text(alignment.targetName)),
    })),
    results: leveledResults(subject, achievement, text),
    ...(typeof credential.validFrom === 'string' ? { validFrom: credential.validFrom } : {}),
    ...(typeof credential.validUntil === 'string' ? { validUntil: credential.validUntil } : {}),
  };
}

/** OB 3.0: `result.achievedLevel` names a `RubricCriterionLevel` of the matching `resultDescription`. */
function leveledResults(subject: Json, achievement: Json, text: (value: unknown) => LocalizedText | undefined): CredentialView['results'] {
  const descriptions = list(achievement.resultDescription);
  return list(subject.result).flatMap((result) => {
    const description = descriptions.find((entry) => entry.id !== undefined && entry.id === result.resultDescription);
    const achieved = typeof result.achievedLevel === 'string' ? result.achievedLevel : undefined;
    const rubricLevel = list(description?.rubricCriterionLevel).find((level) => achieved !== undefined && level.id === achieved);
    const level =
      text(rubricLevel?.name) ??
      (achieved === undefined ? undefined : { text: achieved.split(/[/#:]/).pop() ?? achieved, direction: 'ltr' as const, fallback: false }) ??
      (typeof result.value === 'string' ? { text: result.value, direction: 'auto' as const, fallback: false } : undefined);
    if (level === undefined) return [];
    return [{ ...optional('skill', text(description?.name)), level }];
  });
}

function issuerName(record: IssuerRecord | undefined, language: string, primary: string | undefined): LocalizedText | undefined {
  if (record === undefined) return undefined;
  const tagged = Object.entries(record.names).map(([tag, value]) => ({ '@value': value, '@language': tag }));
  return pickText(tagged, language, primary) ?? { text: record.legalName, direction: 'auto', fallback: false };
}

/** An OB 3.0 IdentityObject of type `name` that is explicitly not hashed is a display name. */
function clearNameIdentifier(identifiers: unknown): LocalizedText | undefined {
  const entry = list(identifiers).find((identifier) => identifier.identityType === 'name' && identifier.hashed === false);
  return typeof entry?.identityHash === 'string' ? { text: entry.identityHash, direction: 'auto', fallback: false } : undefined;
}

function list(value: unknown): Json[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (entry): entry is Json => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
