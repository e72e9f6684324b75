import { textTerms, type TextInput } from './multilingual-text.js';
import type { AssessmentMethod } from './profile-definition.js';

export interface AssessmentInput {
  method: AssessmentMethod;
  date?: string;
  description?: TextInput;
  /** The person who assessed; a name and a role, never more personal data. */
  assessor?: { name: string; role?: string };
}

/** How the holder was assessed, as our `Assessment` node on the subject. */
export function assessmentNode(assessment: AssessmentInput, primaryLanguage: string): Record<string, unknown> {
  return {
    type: ['Assessment'],
    assessmentMethod: assessment.method,
    ...(assessment.date === undefined ? {} : { assessmentDate: assessment.date }),
    ...textTerms('description', assessment.description, primaryLanguage),
    ...(assessment.assessor === undefined
      ? {}
      : { assessor: { name: assessment.assessor.name, ...(assessment.assessor.role === undefined ? {} : { assessorRole: assessment.assessor.role }) } }),
  };
}
