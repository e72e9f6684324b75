import { profileSchemaId } from '../../ob3/profile-conformance.js';
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { OB_V3_CONTEXT, OWN_CONTEXT_BASE, VC_V2_CONTEXT } from '../../resolve/known-contexts.js';
import { ALIGNMENT_TARGETS } from '../../ob3/vocabulary.js';
import type { Credential } from '../../shared/credential-model.js';
import type { FieldError } from '../../shared/problems.js';
import type { IssuerRecord } from '../../store/ports.js';
import { evidenceEntry, type EvidenceInput } from './evidence.js';
import { frameworkLevelAlignment, ownAlignment, type Alignment, type FrameworkLevelInput } from './framework-alignment.js';
import { holderSubject, type HolderInput, type IdentityObject } from './holder-identity.js';
import { achievementTranslations, missingPrimary, primaryText, textTerms, type TextInput } from './multilingual-text.js';

// A CommonJS module whose types claim an ES default export; at run time the module is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * Our own context: credentials issued before every term became a standard one (issue #12) name
 * it, and still verify here; it is never put in a new credential.
 */
export const PASSERELLE_CONTEXT = `${OWN_CONTEXT_BASE}v1`;
/**
 * Only contexts every verifier bundles (VC 2.0, OB 3.0.3): a verifier needs nothing of ours to
 * check the signature or read the claims (docs/vocabulary.md).
 */
export const PROFILE_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT] as const;

export { profileSchemaId };

/** What every profile request has besides its own fields. */
export interface CommonRequest {
  profile: string;
  format?: 'di' | 'jwt';
  primaryLanguage: string;
  holder: HolderInput;
  evidence?: EvidenceInput[];
  validUntil?: string;
}

export interface BuildContext {
  issuer: IssuerRecord;
  /** The per-credential salt for the holder's identifier hashes. */
  salt: string;
}

export interface OrganisationInput {
  id?: string;
  name: TextInput;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  city?: string;
}

/** OB 3.0 dates are date-times; a request gives a calendar date, which is that day at 00:00 UTC. */
export function dateTime(date: string): string {
  return date.includes('T') ? date : `${date}T00:00:00Z`;
}

/**
 * A stable id for an achievement definition: the same issuer issuing the same
 * qualification (or exam, module…) to many holders gives it the same id, so a
 * verifier can tell two holders earned the same thing. A UUID (version 8, RFC 9562)
 * made from the issuer DID, the profile and the defining fields.
 */
export function achievementId(issuerDid: string, profile: string, definition: unknown): string {
  const hash = createHash('sha256')
    .update(`${issuerDid}\n${profile}\n${canonicalize(definition) ?? ''}`, 'utf8')
    .digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x80;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The issuer as an OB 3.0 Profile: its DID and its name in the primary language (its names in
 * other languages are in its registration, which the page reads for a hosted issuer).
 */
export function issuerProfile(issuer: IssuerRecord, primaryLanguage: string): Record<string, unknown> {
  return { id: issuer.did, type: ['Profile'], name: issuer.names[primaryLanguage] ?? issuer.legalName };
}

/** An organisation (awarding body, exam provider, employer…) as an OB 3.0 Profile. */
export function organisationProfile(organisation: OrganisationInput, primaryLanguage: string): Record<string, unknown> {
  const hasAddress = organisation.country !== undefined || organisation.city !== undefined;
  return {
    ...(organisation.id === undefined ? {} : { id: organisation.id }),
    type: ['Profile'],
    ...textTerms('name', organisation.name, primaryLanguage),
    ...(hasAddress
      ? {
          address: {
            type: ['Address'],
            ...(organisation.country === undefined ? {} : { addressCountryCode: organisation.country }),
            ...(organisation.city === undefined ? {} : { addressLocality: organisation.city }),
          },
        }
      : {}),
  };
}

export interface QualificationInput {
  id?: string;
  name: TextInput;
  code?: string;
  unitCount?: number;
  level?: FrameworkLevelInput;
}

/**
 * A qualification that something leads to or counts towards (a programme's target, a
 * validation's reference), as achievement alignments: the qualification itself, and its level
 * with a target type that says it is the qualification's level, not one the holder reached.
 */
export function qualificationAlignments(
  qualification: QualificationInput,
  role: 'reference' | 'target',
  fallbackUrl: string,
  primaryLanguage: string,
): Alignment[] {
  const [self, level] =
    role === 'reference'
      ? [ALIGNMENT_TARGETS.referenceQualification, ALIGNMENT_TARGETS.referenceQualificationLevel]
      : [ALIGNMENT_TARGETS.targetQualification, ALIGNMENT_TARGETS.targetQualificationLevel];
  return [
    ownAlignment({
      targetType: self,
      targetName: primaryText(qualification.name, primaryLanguage),
      targetUrl: qualification.id ?? fallbackUrl,
      ...(qualification.code === undefined ? {} : { targetCode: qualification.code }),
      ...(qualification.unitCount === undefined ? {} : { targetDescription: `${qualification.unitCount} units` }),
    }),
    ...(qualification.level === undefined ? [] : [frameworkLevelAlignment(qualification.level, level)]),
  ];
}

export function hoursAsDuration(hours: number): string {
  return `PT${hours}H`;
}

/**
 * The envelope every profile shares: VC 2.0 + OB 3.0.3 only, an OpenBadgeCredential whose
 * subject is an AchievementSubject, `inLanguage` for the primary language, and a
 * credentialSchema naming the profile. The achievement's other languages become its
 * `related` entries. `id` and `validFrom` are left to prepare-credential, as for any issued
 * credential.
 */
export function ob3Credential(args: {
  profile: string;
  request: CommonRequest;
  context: BuildContext;
  achievement: Record<string, unknown>;
  /** The achievement's name and description in every language given, for its `related` translations. */
  texts: { name: TextInput; description?: TextInput };
  subject?: Record<string, unknown>;
  /** Identifiers of the holder given in clear besides the date of birth (a candidate number). */
  holderIdentifiers?: IdentityObject[];
  evidence?: EvidenceInput[];
  /** Evidence entries built by the profile (assessments, an accreditation decision), after the documents. */
  otherEvidence?: Array<Record<string, unknown>>;
  awardedDate?: string;
}): Credential {
  const { request } = args;
  const translations = achievementTranslations(String(args.achievement.id), args.texts.name, args.texts.description, request.primaryLanguage);
  const achievement = translations.length === 0 ? args.achievement : { ...args.achievement, related: translations };
  const evidence = [...[...(args.evidence ?? []), ...(request.evidence ?? [])].map(evidenceEntry), ...(args.otherEvidence ?? [])];
  return {
    '@context': [...PROFILE_CONTEXTS],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    ...(achievement.description === undefined ? {} : { description: achievement.description }),
    inLanguage: request.primaryLanguage,
    issuer: issuerProfile(args.context.issuer, request.primaryLanguage),
    ...(args.awardedDate === undefined ? {} : { awardedDate: dateTime(args.awardedDate) }),
    ...(request.validUntil === undefined ? {} : { validUntil: request.validUntil }),
    credentialSchema: [{ id: profileSchemaId(args.profile), type: 'JsonSchema' }],
    credentialSubject: {
      type: ['AchievementSubject'],
      ...holderSubject(request.holder, args.context.salt, args.holderIdentifiers),
      ...args.subject,
      achievement,
    },
    ...(evidence.length === 0 ? {} : { evidence }),
  };
}

/**
 * Rules JSON Schema cannot state, shared by all profiles. Returned, not thrown, so
 * the caller reports them together with the profile's own.
 */
export function commonRequestErrors(request: CommonRequest): FieldError[] {
  const errors: FieldError[] = [];
  const holder = request.holder;
  if (holder.did === undefined && (holder.identifiers === undefined || holder.identifiers.length === 0)) {
    // OB 3.0: an AchievementSubject needs an id or at least one identifier, or nobody can tell whose it is.
    errors.push({ pointer: '/holder/identifiers', detail: 'is required when /holder/did is absent: give a passport, national ID or e-mail (it is hashed)' });
  }
  const urls = new Set<string>();
  for (const [index, item] of (request.evidence ?? []).entries()) {
    if (urls.has(item.url)) errors.push({ pointer: `/evidence/${index}/url`, detail: 'is given twice; each document once' });
    urls.add(item.url);
  }
  return errors;
}

/** `missingPrimary` for a list of `[text, pointer]`. */
export function primaryLanguageErrors(primaryLanguage: string, texts: Array<[TextInput | undefined, string]>): FieldError[] {
  return texts.flatMap(([text, pointer]) => missingPrimary(text, primaryLanguage, pointer));
}
