import { claimsOf } from '../ob3/claims.js';
import { evaluateAll, type RequirementsSection } from '../frameworks/requirements/evaluate.js';
import { resolveAsked } from '../frameworks/requirements/presets.js';
import type { CredentialEvidence, Requirement } from '../frameworks/requirements/requirement.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import { recognizedExamBrands } from './report.js';
import { verifyOne, type VerifyDeps } from './verify-credential.js';

interface RequirementsCheckRequest {
  credentials: unknown[];
  requirements?: Requirement[];
  presets?: string[];
  lang?: string;
}

export interface RequirementsCheck extends RequirementsSection {
  credentials: Array<Omit<CredentialEvidence, 'claims' | 'recognizedExamBrands'>>;
}

/** Verifies every credential, then answers each requirement from the verified ones' claims. */
/** `lang` (the reader's, negotiated by the caller) chooses preset titles when the body names none. */
export async function checkRequirements(deps: VerifyDeps, body: unknown, lang?: string): Promise<RequirementsCheck> {
  assertMatchesSchema<RequirementsCheckRequest>('requirements-check-request', body);
  const asked = resolveAsked(body, '');
  const evidence: CredentialEvidence[] = [];
  for (const [index, input] of body.credentials.entries()) {
    const { report, credential } = await verifyOne(deps, input);
    const id = report.credential?.id;
    evidence.push({
      index,
      ...(id === undefined ? {} : { id }),
      verified: report.verified,
      verdict: report.verdict,
      claims: claimsOf(credential),
      recognizedExamBrands: recognizedExamBrands(report),
    });
  }
  const section = evaluateAll(asked, evidence, {
    now: deps.clock.now(),
    ...(body.lang === undefined ? (lang === undefined ? {} : { lang }) : { lang: body.lang }),
  });
  return { credentials: evidence.map(({ claims: _claims, recognizedExamBrands: _brands, ...rest }) => rest), ...section };
}
