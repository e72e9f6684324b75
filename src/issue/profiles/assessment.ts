import { EVIDENCE_GENRES } from '../../ob3/vocabulary.js';
import { primaryText, type TextInput } from './multilingual-text.js';
import type { AssessmentMethod } from './profile-definition.js';

export interface AssessmentInput {
  method: AssessmentMethod;
  date?: string;
  description?: TextInput;
  /** The person who assessed; a name and a role, never more personal data. */
  assessor?: { name: string; role?: string };
}

/**
 * How the holder was assessed, as an OB 3.0 Evidence entry (genre `Assessment`, the method as
 * its name): OB 3.0 has no assessment class, and an assessment is what the award rests on. The
 * date and the assessor are its narrative, in a fixed form ("2025-04-25 — Karima Tazi (Formatrice)").
 */
export function assessmentEvidence(assessment: AssessmentInput, primaryLanguage: string): Record<string, unknown> {
  const assessor =
    assessment.assessor === undefined
      ? undefined
      : `${assessment.assessor.name}${assessment.assessor.role === undefined ? '' : ` (${assessment.assessor.role})`}`;
  const narrative = [assessment.date, assessor].filter((part): part is string => part !== undefined).join(' — ');
  return {
    type: ['Evidence'],
    genre: EVIDENCE_GENRES.assessment,
    name: assessment.method,
    ...(assessment.description === undefined ? {} : { description: primaryText(assessment.description, primaryLanguage) }),
    ...(narrative === '' ? {} : { narrative }),
  };
}
