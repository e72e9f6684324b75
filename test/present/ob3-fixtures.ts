/**
 * OB 3.0 AchievementCredentials as the profiles issue will issue them: multilingual names
 * (VC 2.0 language-tagged values), an alignment, and CEFR results per skill.
 */
const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

const cefrLevels = (base: string) =>
  ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'].map((code) => ({ id: `${base}#${code}`, type: ['RubricCriterionLevel'], name: code }));

export function languageCredential(options: { primary: 'de' | 'ar'; holder?: string; validUntil?: string } = { primary: 'de' }): Record<string, unknown> {
  const base = 'https://passerelle.example.org/achievements/goethe-b1';
  const skill = (id: string, de: string, ar: string, fr: string) => ({
    id: `${base}/skills/${id}`,
    type: ['ResultDescription'],
    name: [
      { '@value': de, '@language': 'de' },
      { '@value': ar, '@language': 'ar', '@direction': 'rtl' },
      { '@value': fr, '@language': 'fr' },
    ],
    resultType: 'RubricCriterionLevel',
    rubricCriterionLevel: cefrLevels(`${base}/skills/${id}`),
  });
  const names = {
    de: { '@value': 'Goethe-Zertifikat B1', '@language': 'de' },
    ar: { '@value': 'شهادة غوته في اللغة الألمانية', '@language': 'ar', '@direction': 'rtl' },
    fr: { '@value': 'Certificat Goethe B1 d’allemand', '@language': 'fr' },
  };
  const ordered = options.primary === 'ar' ? [names.ar, names.de, names.fr] : [names.de, names.fr, names.ar];
  return {
    '@context': OB3_CONTEXT,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: ordered,
    ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: options.holder ?? (options.primary === 'ar' ? 'أمينة الإدريسي' : 'Amina El Idrissi'),
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'sha256$8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4',
          identityType: 'nationalIdentityNumber',
          hashed: true,
          salt: 'b3f0c7f6',
        },
      ],
      achievement: {
        id: base,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: ordered,
        description:
          options.primary === 'ar'
            ? [{ '@value': 'امتحان اللغة الألمانية للمستوى B1 في الاستماع والقراءة والكتابة والمحادثة.', '@language': 'ar', '@direction': 'rtl' }]
            : [{ '@value': 'Deutschprüfung auf Niveau B1: Hören, Lesen, Schreiben, Sprechen.', '@language': 'de' }],
        criteria: { narrative: 'Passed all four modules.' },
        alignment: [
          {
            type: ['Alignment'],
            targetFramework: 'CEFR',
            targetCode: 'B1',
            targetName: 'Threshold',
            targetUrl: 'https://www.coe.int/en/web/common-european-framework-reference-languages',
          },
        ],
        resultDescription: [skill('listening', 'Hören', 'الاستماع', 'Compréhension orale'), skill('writing', 'Schreiben', 'الكتابة', 'Expression écrite')],
      },
      result: [
        { type: ['Result'], resultDescription: `${base}/skills/listening`, achievedLevel: `${base}/skills/listening#B1` },
        { type: ['Result'], resultDescription: `${base}/skills/writing`, achievedLevel: `${base}/skills/writing#A2` },
      ],
    },
  };
}
