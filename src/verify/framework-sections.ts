import { claimsOf } from '../ob3/claims.js';
import { levelsIn } from '../frameworks/level-report.js';
import { frameworkRegistry } from '../frameworks/registry.js';
import { evaluateAll } from '../frameworks/requirements/evaluate.js';
import { resolveAsked } from '../frameworks/requirements/presets.js';
import type { Preset, Requirement } from '../frameworks/requirements/requirement.js';
import { ProblemError } from '../shared/problems.js';
import { reason as why } from '../shared/reason.js';
import { recognizedExamBrands, type VerificationReport } from './report.js';

/** `options` of POST /credentials/verify that concern frameworks (schemas/verify-request). */
export interface FrameworkOptions {
  frameworks?: string[];
  lang?: string;
  requirements?: Requirement[];
  presets?: string[];
}

export interface ResolvedFrameworkOptions {
  frameworks?: string[];
  lang?: string;
  asked?: { requirements: Requirement[]; presets: Preset[] };
}

export function resolveFrameworkOptions(options: FrameworkOptions): ResolvedFrameworkOptions {
  const registry = frameworkRegistry();
  const ids = registry.list().map((framework) => framework.id);
  (options.frameworks ?? []).forEach((id, index) => {
    if (!ids.includes(id))
      throw new ProblemError('invalid-request', `/options/frameworks/${index}: there is no framework "${id}". Valid framework ids: ${ids.join(', ')}.`, {
        pointer: `/options/frameworks/${index}`,
      });
  });
  return {
    ...(options.frameworks === undefined ? {} : { frameworks: options.frameworks }),
    ...(options.lang === undefined ? {} : { lang: options.lang }),
    ...(options.requirements === undefined && options.presets === undefined ? {} : { asked: resolveAsked(options, '/options') }),
  };
}

/**
 * What a German reader must not infer from a DQR level: recognition bodies (IHK FOSA, HWK,
 * the Länder) compare a foreign qualification with a German reference occupation, and a
 * DQR level confers nothing on its own.
 */
export const DQR_RECOGNITION_CAVEAT =
  'German recognition (IHK FOSA, chambers of crafts, Land authorities) compares a foreign qualification with a German reference occupation (Referenzberuf), not with a DQR level: a DQR level shown here is an orientation, not a recognition decision.';

/** The report's `levels` and `requirements`: only a verified credential's claims count, and the report says so when they do not. */
export function frameworkSections(
  options: ResolvedFrameworkOptions,
  report: VerificationReport,
  credential: Record<string, unknown> | undefined,
  now: Date,
): Pick<VerificationReport, 'levels' | 'requirements'> {
  // Read only when a section asks for them: most verifications ask for neither.
  if (options.frameworks === undefined && options.asked === undefined) return {};
  const claims = claimsOf(credential);
  const notVerified = report.verified ? undefined : `The credential was not verified (verdict: ${report.verdict}), so its claims are not evaluated.`;
  const notVerifiedWhy = why('report.not-evaluated', { verdict: report.verdict });
  const sections: Pick<VerificationReport, 'levels' | 'requirements'> = {};
  if (options.frameworks !== undefined) {
    sections.levels =
      notVerified === undefined
        ? {
            evaluated: true,
            frameworks: options.frameworks,
            claims: levelsIn(claims, options.frameworks, options.lang),
            ...(options.frameworks.includes('de-dqr') ? { caveats: [DQR_RECOGNITION_CAVEAT], caveatReasons: [why('report.dqr-recognition')] } : {}),
          }
        : { evaluated: false, reason: notVerified, why: notVerifiedWhy, frameworks: options.frameworks, claims: [] };
  }
  if (options.asked !== undefined) {
    const evidence = [
      {
        index: 0,
        ...(typeof report.credential?.id === 'string' ? { id: report.credential.id } : {}),
        verified: report.verified,
        verdict: report.verdict,
        claims,
        recognizedExamBrands: recognizedExamBrands(report),
      },
    ];
    const evaluated = evaluateAll(options.asked, evidence, { now, ...(options.lang === undefined ? {} : { lang: options.lang }) });
    sections.requirements = { evaluated: report.verified, ...(notVerified === undefined ? {} : { reason: notVerified, why: notVerifiedWhy }), ...evaluated };
  }
  return sections;
}
