import type { Credential } from '../../shared/credential-model.js';
import type { FieldError } from '../../shared/problems.js';
import type { BuildContext, CommonRequest } from './ob3-credential.js';

/**
 * One credential profile: a request schema (`schemas/<name>-request.schema.json`)
 * for the API, a credential schema (`schemas/<name>.schema.json`) that issued
 * credentials name in `credentialSchema`, and a builder from one to the other.
 */
export interface ProfileDefinition<R extends CommonRequest = CommonRequest> {
  name: string;
  title: string;
  summary: string;
  /** Rules the request schema cannot express (e.g. "the primary language must be present"), all of them at once. */
  requestErrors(request: R): FieldError[];
  /** Request (already valid) → unsigned OB 3.0 credential, without `id` and `validFrom`. */
  build(request: R, context: BuildContext): Credential;
}

/** For an assessment node, shared by modules and validated skills. */
export type AssessmentMethod =
  'portfolio-review' | 'workplace-observation' | 'practical-test' | 'technical-interview' | 'written-test' | 'oral-exam' | 'project' | 'continuous-assessment';
