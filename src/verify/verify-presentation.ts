import { findVerificationMethod } from '../resolve/did-document.js';
import type { DidDocument } from '../resolve/did-document.js';
import { createDocumentLoader } from '../resolve/document-loader.js';
import { verifyProofInPool } from '../resolve/json-ld-pool.js';
import { VC_V2_CONTEXT } from '../resolve/known-contexts.js';
import { expandSafely } from '../shared/credential-model.js';
import { assertWithinJsonLimits } from '../shared/json-limits.js';
import { ProblemError } from '../shared/problems.js';
import { reason as why, type Reason } from '../shared/reason.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import { assertSignedForm } from '../shared/signed-form.js';
import type { Check, CheckResult, VerifyContext } from './check.js';
import { isVerified, verdictOf, type CheckOutcome, type VerificationReport, type Verdict } from './report.js';
import { runChecks } from './run-checks.js';
import { verifyOne, type VerifyDeps } from './verify-credential.js';

/** Credentials one presentation may carry: each is a full verification. */
export const MAX_PRESENTED_CREDENTIALS = 20;

export interface VerifyPresentationRequest {
  verifiablePresentation: Record<string, unknown>;
  options?: { challenge?: string; domain?: string; checks?: string[] };
}

export interface PresentationReport {
  /** The presentation's own checks passed and every credential in it verified. */
  verified: boolean;
  /** The presentation's verdict (its own checks): valid, malformed, not-genuine or could-not-check. */
  verdict: Verdict;
  presentation: { holder?: string | undefined; checks: CheckOutcome[] };
  credentials: Array<VerificationReport & { index: number; holderBinding: HolderBinding }>;
}

interface PresentationContext extends VerifyContext {
  presentation: Record<string, unknown>;
  options: NonNullable<VerifyPresentationRequest['options']>;
  holderKey?: { methodId: string; controller: string; didDocument: DidDocument };
}

/**
 * POST /presentations/verify: the presentation's structure, its holder's authentication proof
 * (with the verifier's challenge and domain), and that the proof's key is the holder's; then every
 * credential it carries, each with the full credential checks, and whether its subject is the holder.
 */
export async function verifyPresentation(deps: VerifyDeps, body: unknown): Promise<PresentationReport> {
  return (await verifyPresentationAndRead(deps, body)).report;
}

/** The report, and each carried credential as it was carried and as it parsed (for callers that read claims: the dossier). */
export async function verifyPresentationAndRead(
  deps: VerifyDeps,
  body: unknown,
): Promise<{ report: PresentationReport; carried: Array<{ input: unknown; credential?: Record<string, unknown> }> }> {
  assertMatchesSchema<VerifyPresentationRequest>('verify-presentation-request', body);
  const presentation = body.verifiablePresentation;
  const context: PresentationContext = {
    input: presentation,
    presentation,
    options: body.options ?? {},
    now: deps.clock.now(),
    didResolver: deps.didResolver,
    documentLoader: createDocumentLoader({ contexts: deps.contexts, didResolver: deps.didResolver }),
  };
  const checks = await runChecks(PRESENTATION_CHECKS, context);
  // Who presents: the named holder, or else the controller of the key that signed.
  const holder = holderOf(presentation) ?? context.holderKey?.controller;
  const proven = isVerified(checks) && context.holderKey !== undefined;
  const credentials: PresentationReport['credentials'] = [];
  const carried: Array<{ input: unknown; credential?: Record<string, unknown> }> = [];
  for (const [index, credential] of credentialsOf(presentation).entries()) {
    const { report, credential: parsed } = await verifyOne(deps, credential);
    credentials.push({ index, ...report, holderBinding: bindingOf(parsed, holder, proven) });
    carried.push(parsed === undefined ? { input: credential } : { input: credential, credential: parsed });
  }
  return {
    report: {
      verified: isVerified(checks) && credentials.every((credential) => credential.verified),
      verdict: verdictOf(checks),
      presentation: { holder, checks },
      credentials,
    },
    carried,
  };
}

function credentialsOf(presentation: Record<string, unknown>): unknown[] {
  const carried = presentation.verifiableCredential;
  return carried === undefined ? [] : Array.isArray(carried) ? carried : [carried];
}

function holderOf(presentation: Record<string, unknown>): string | undefined {
  const holder = presentation.holder;
  if (typeof holder === 'string') return holder;
  const id = (holder as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function bindingOf(credential: Record<string, unknown> | undefined, holder: string | undefined, proven: boolean): HolderBinding {
  if (credential === undefined)
    return { bound: false, message: 'The credential could not be read, so its subject is unknown.', why: why('binding.unreadable') };
  const subjects = ([] as unknown[]).concat(credential.credentialSubject ?? []).map((subject) => (subject as { id?: unknown } | null)?.id);
  if (!proven || holder === undefined) {
    return {
      bound: false,
      message: 'The presentation does not prove who its holder is, so the credential is not bound to the person presenting it.',
      why: why('binding.not-proven'),
    };
  }
  if (subjects.includes(holder))
    return {
      bound: true,
      message: `The subject of the credential is the holder ${holder}, who signed the presentation.`,
      why: why('binding.bound', { holder }),
    };
  return {
    bound: false,
    why: why('binding.not-subject', { holder }),
    message: `The holder ${holder} is not the subject of this credential (${subjects.filter((id) => typeof id === 'string').join(', ') || 'no subject id'}); check the holder's identity another way.`,
  };
}

/** Whether a carried credential is about the one who presented it; `message` in English, `why` as data. */
export interface HolderBinding {
  bound: boolean;
  message: string;
  why: Reason;
}

const structureCheck: Check = {
  id: 'data-model',
  fatal: true,
  async run(context) {
    const presentation = (context as PresentationContext).presentation;
    try {
      assertWithinJsonLimits(presentation, '/verifiablePresentation');
      const contexts = ([] as unknown[]).concat(presentation['@context'] ?? []);
      if (contexts[0] !== VC_V2_CONTEXT) {
        throw new ProblemError('malformed-credential', `A presentation's first @context is ${VC_V2_CONTEXT}.`, { pointer: '/verifiablePresentation/@context' });
      }
      if (!([] as unknown[]).concat(presentation.type ?? []).includes('VerifiablePresentation')) {
        throw new ProblemError('malformed-credential', 'A presentation has the type VerifiablePresentation.', { pointer: '/verifiablePresentation/type' });
      }
      if (credentialsOf(presentation).length > MAX_PRESENTED_CREDENTIALS) {
        throw new ProblemError('limit-exceeded', `A presentation may carry at most ${MAX_PRESENTED_CREDENTIALS} credentials.`, {
          pointer: '/verifiablePresentation/verifiableCredential',
        });
      }
      // The presentation's own members in the one signed form; each carried credential is checked by its own verification.
      const { verifiableCredential: _carried, ...own } = presentation;
      assertSignedForm(own, '/verifiablePresentation');
      await expandSafely(presentation, '/verifiablePresentation');
      return { status: 'success', message: 'A VC Data Model 2.0 presentation; every property is defined by its contexts.' };
    } catch (error) {
      if (error instanceof ProblemError && error.type !== 'processing-timeout') return { status: 'failure', problems: [error] };
      throw error;
    }
  },
};

/** The single authentication proof of the holder. */
function proofOf(context: PresentationContext): Record<string, unknown> | undefined {
  const proof = context.presentation.proof;
  return proof !== null && typeof proof === 'object' && !Array.isArray(proof) ? (proof as Record<string, unknown>) : undefined;
}

const holderKeyCheck: Check = {
  id: 'holder-key',
  fatal: true,
  async run(generic) {
    const context = generic as PresentationContext;
    const proof = proofOf(context);
    if (context.presentation.proof === undefined) {
      if (context.options.challenge !== undefined) {
        return failure('unsupported-proof', 'A challenge was asked, but the presentation is not signed by its holder.');
      }
      return { status: 'skipped', cause: 'not-applicable', reason: 'The presentation is not signed: it proves nothing about who presents the credentials.' };
    }
    if (proof === undefined || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022' || typeof proof.verificationMethod !== 'string') {
      return failure('unsupported-proof', 'The presentation needs one DataIntegrityProof (eddsa-rdfc-2022) naming its verificationMethod.');
    }
    if (proof.proofPurpose !== 'authentication')
      return failure('unsupported-proof', `The holder's proof has purpose "${String(proof.proofPurpose)}", not authentication.`);
    const methodId = proof.verificationMethod;
    const did = methodId.split('#')[0] as string;
    let didDocument: DidDocument;
    try {
      didDocument = await context.didResolver.resolve(did);
    } catch (error) {
      if (error instanceof ProblemError) return { status: 'skipped', cause: 'could-not-check', reason: error.message, problems: [error] };
      throw error;
    }
    const method = findVerificationMethod(didDocument, methodId);
    if (method === undefined || !(didDocument.authentication ?? []).includes(methodId)) {
      return failure('issuer-key-mismatch', `${methodId} is not an authentication method of ${did}.`);
    }
    context.holderKey = { methodId, controller: method.controller, didDocument };
    return { status: 'success', message: `Holder key ${methodId} resolved from ${did}.` };
  },
};

const holderProofCheck: Check = {
  id: 'holder-proof',
  fatal: true,
  async run(generic) {
    const context = generic as PresentationContext;
    if (context.holderKey === undefined) return { status: 'skipped', cause: 'not-applicable', reason: 'The presentation is not signed.' };
    const { challenge, domain } = context.options;
    if (challenge === undefined && domain !== undefined) return failure('malformed-credential', 'options.domain needs options.challenge.');
    const outcome = await verifyProofInPool(context.presentation, { [context.holderKey.didDocument.id]: context.holderKey.didDocument }, undefined, {
      kind: 'authentication',
      ...(challenge === undefined ? {} : { challenge }),
      ...(domain === undefined ? {} : { domain }),
    });
    if (!outcome.verified) {
      if (outcome.unresolved !== undefined)
        return { status: 'skipped', cause: 'could-not-check', reason: outcome.unresolved.message, problems: [outcome.unresolved] };
      return failure('invalid-signature', `The holder's proof does not verify: ${outcome.message}`);
    }
    const bound =
      challenge === undefined
        ? ' No challenge was asked, so a replay of this presentation is not excluded.'
        : ` It carries the challenge${domain === undefined ? '' : ' and domain'} asked for.`;
    return { status: 'success', message: `The holder's eddsa-rdfc-2022 authentication proof is valid (by ${context.holderKey.methodId}).${bound}` };
  },
};

const holderCheck: Check = {
  id: 'holder',
  fatal: true,
  async run(generic) {
    const context = generic as PresentationContext;
    if (context.holderKey === undefined) return { status: 'skipped', cause: 'not-applicable', reason: 'The presentation is not signed.' };
    const holder = holderOf(context.presentation);
    // holder is optional in VC 2.0: the proof then says who presents (the key's controller).
    if (holder === undefined) {
      return { status: 'skipped', cause: 'not-applicable', reason: `The presentation names no holder; it was signed by ${context.holderKey.controller}.` };
    }
    if (holder !== context.holderKey.controller) {
      return failure('issuer-key-mismatch', `The presentation names ${holder} as holder but was signed by a key of ${context.holderKey.controller}.`);
    }
    return { status: 'success', message: `Presented by ${holder}.` };
  },
};

const PRESENTATION_CHECKS: readonly Check[] = [structureCheck, holderKeyCheck, holderProofCheck, holderCheck];

function failure(type: 'unsupported-proof' | 'issuer-key-mismatch' | 'invalid-signature' | 'malformed-credential', detail: string): CheckResult {
  return { status: 'failure', problems: [new ProblemError(type, detail)] };
}
