/**
 * Hand-built Open Badges 3.0 credentials shaped like the profiles' output, using only
 * terms the VC 2.0 and OB 3.0 contexts define (no `frameworkId`, no `languageSkill`):
 * levels are recognised from targetUrl, skills from the rubric's name.
 */

export const OB_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

const SCALE_NAMES = { overall: 'Overall', listening: 'Listening', reading: 'Reading', writing: 'Writing', speaking: 'Speaking' } as const;
type Scale = keyof typeof SCALE_NAMES;
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

export function levelAlignment(framework: string, level: string): Record<string, unknown> {
  return {
    type: ['Alignment'],
    targetType: 'ext:FrameworkLevel',
    targetCode: level,
    targetName: `${framework} ${level}`,
    targetFramework: framework,
    targetUrl: framework === 'eqf' ? `http://data.europa.eu/snb/eqf/${level}` : `https://w3id.org/passerelle/frameworks/${framework}/levels/${level}`,
  };
}

export interface LanguageInput {
  language: string;
  overall?: string | undefined;
  skills?: Partial<Record<Exclude<Scale, 'overall'>, string>>;
  provider?: string | undefined;
  examDate?: string | undefined;
  /** Also write `frameworkId` as the profiles branch does (not an OB 3.0 term: unit tests only). */
  withFrameworkId?: boolean;
}

export function languageCredential(input: LanguageInput): Record<string, unknown> {
  const achievementId = `urn:uuid:${crypto.randomUUID()}`;
  const scales = [
    ...(input.overall === undefined ? [] : ([['overall', input.overall]] as Array<[Scale, string]>)),
    ...(Object.entries(input.skills ?? {}) as Array<[Scale, string]>),
  ];
  const alignment = (level: string) => ({ ...levelAlignment('cefr', level), ...(input.withFrameworkId === true ? { frameworkId: 'cefr' } : {}) });
  return {
    '@context': OB_CONTEXTS,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `Language certificate ${input.language} ${input.overall ?? ''}`.trim(),
    ...(input.examDate === undefined ? {} : { awardedDate: input.examDate }),
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:worker-1',
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: `Exam ${input.language}`,
        description: 'A language exam.',
        criteria: { narrative: 'Passed the exam.' },
        inLanguage: input.language,
        ...(input.provider === undefined
          ? {}
          : { creator: { id: `https://provider.example/${encodeURIComponent(input.provider)}`, type: ['Profile'], name: input.provider } }),
        resultDescription: scales.map(([scale]) => ({
          id: `${achievementId}#cefr-${scale}`,
          type: ['ResultDescription'],
          name: SCALE_NAMES[scale],
          resultType: 'RubricCriterionLevel',
          rubricCriterionLevel: CEFR.map((level) => ({
            id: `${achievementId}#cefr-${scale}-${level}`,
            type: ['RubricCriterionLevel'],
            name: level,
            alignment: [alignment(level)],
          })),
        })),
      },
      result: scales.map(([scale, level]) => ({
        type: ['Result'],
        resultDescription: `${achievementId}#cefr-${scale}`,
        achievedLevel: `${achievementId}#cefr-${scale}-${level}`,
      })),
    },
  };
}

export function diplomaCredential(levels: Array<[string, string]>, name = 'Technicien spécialisé en génie électrique'): Record<string, unknown> {
  return {
    '@context': OB_CONTEXTS,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:worker-1',
      achievement: {
        id: `urn:uuid:${crypto.randomUUID()}`,
        type: ['Achievement'],
        achievementType: 'Diploma',
        name,
        description: 'A vocational diploma.',
        criteria: { narrative: 'Two years of training and a final exam.' },
        alignment: levels.map(([framework, level]) => levelAlignment(framework, level)),
      },
    },
  };
}
