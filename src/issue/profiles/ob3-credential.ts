import { profileSchemaId } from '../../ob3/profile-conformance.js';
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { OB_V3_CONTEXT, OWN_CONTEXT_BASE, VC_V2_CONTEXT } from '../../resolve/known-contexts.js';
import type { Credential } from '../../shared/credential-model.js';
import type { FieldError } from '../../shared/problems.js';
import type { IssuerRecord } from '../../store/ports.js';
import { evidenceEntry, type EvidenceInput } from './evidence.js';
import { frameworkLevelAlignment, type FrameworkLevelInput } from './framework-alignment.js';
import { holderSubject, type HolderInput } from './holder-identity.js';
import { languageValues, missingPrimary, textTerms, type TextInput } from './multilingual-text.js';

// A CommonJS module whose types claim an ES default export; at run time the module is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const PASSERELLE_CONTEXT = `${OWN_CONTEXT_BASE}v1`;
export const PROFILE_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT, PASSERELLE_CONTEXT] as const;

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

/** The issuer as an OB 3.0 Profile: its DID, and its names in every language it registered. */
export function issuerProfile(issuer: IssuerRecord, primaryLanguage: string): Record<string, unknown> {
  const names = Object.keys(issuer.names).length === 0 ? undefined : issuer.names;
  return {
    id: issuer.did,
    type: ['Profile'],
    name: names?.[primaryLanguage] ?? issuer.legalName,
    ...(names === undefined ? {} : { localizedName: languageValues(names, primaryLanguage) }),
  };
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

/** A qualification that something leads to or counts towards (a programme's target, a validation's reference). */
export function qualificationNode(qualification: QualificationInput, primaryLanguage: string): Record<string, unknown> {
  return {
    ...(qualification.id === undefined ? {} : { id: qualification.id }),
    type: ['Qualification'],
    ...textTerms('name', qualification.name, primaryLanguage),
    ...(qualification.code === undefined ? {} : { qualificationCode: qualification.code }),
    ...(qualification.unitCount === undefined ? {} : { unitCount: qualification.unitCount }),
    ...(qualification.level === undefined ? {} : { alignment: [frameworkLevelAlignment(qualification.level)] }),
  };
}

export function hoursAsDuration(hours: number): string {
  return `PT${hours}H`;
}

/**
 * The envelope every profile shares: VC 2.0 + OB 3.0.3 + our context, an
 * OpenBadgeCredential whose subject is an AchievementSubject, and a
 * credentialSchema naming the profile. `id` and `validFrom` are left to
 * prepare-credential, as for any issued credential.
 */
export function ob3Credential(args: {
  profile: string;
  request: CommonRequest;
  context: BuildContext;
  achievement: Record<string, unknown>;
  subject?: Record<string, unknown>;
  evidence?: EvidenceInput[];
  awardedDate?: string;
}): Credential {
  const { request, achievement } = args;
  const evidence = [...(args.evidence ?? []), ...(request.evidence ?? [])];
  return {
    '@context': [...PROFILE_CONTEXTS],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    localizedName: achievement.localizedName,
    ...(achievement.description === undefined ? {} : { description: achievement.description, localizedDescription: achievement.localizedDescription }),
    primaryLanguage: request.primaryLanguage,
    issuer: issuerProfile(args.context.issuer, request.primaryLanguage),
    ...(args.awardedDate === undefined ? {} : { awardedDate: dateTime(args.awardedDate) }),
    ...(request.validUntil === undefined ? {} : { validUntil: request.validUntil }),
    credentialSchema: [{ id: profileSchemaId(args.profile), type: 'JsonSchema' }],
    credentialSubject: {
      type: ['AchievementSubject'],
      ...holderSubject(request.holder, args.context.salt),
      ...args.subject,
      achievement,
    },
    ...(evidence.length === 0 ? {} : { evidence: evidence.map(evidenceEntry) }),
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
