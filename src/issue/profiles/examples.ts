/**
 * One realistic request per profile, shown in the OpenAPI document and issued by the
 * tests, so the documented example is known to work.
 *
 * People, employers, document URLs and digests are invented. Framework levels follow
 * the project's domain notes (docs/frameworks.md): an OFPPT Technicien spécialisé is Morocco CNC level 5,
 * and the CNC is not referenced to the EQF, so the diploma states no EQF level. ESCO
 * skill URIs are in the ESCO form but were not checked against ESCO v1.2 (no network
 * here); check them before copying them into real credentials.
 */

/** An OFPPT-style two-year technician diploma (Bac+2), CNC level 5, no EQF level. */
export const diplomaExample = {
  profile: 'diploma',
  format: 'di',
  primaryLanguage: 'fr',
  holder: {
    name: 'Youssef Benali',
    birthDate: '2001-03-14',
    identifiers: [
      { type: 'nationalId', value: 'BK123456' },
      { type: 'email', value: 'youssef.benali@example.ma' },
    ],
  },
  title: {
    fr: 'Technicien spécialisé en électromécanique des systèmes automatisés',
    ar: '\u200Fتقني متخصص في الكهروميكانيك والأنظمة الآلية',
    en: 'Specialised technician in electromechanics of automated systems',
    de: 'Spezialisierter Techniker für Elektromechanik automatisierter Systeme',
    es: 'Técnico especializado en electromecánica de sistemas automatizados',
  },
  description: {
    fr: 'Diplôme de la formation professionnelle (niveau Technicien spécialisé, Bac+2) : maintenance et mise en service des systèmes automatisés industriels.',
    en: 'Vocational diploma (specialised technician, two years after the baccalaureate): maintenance and commissioning of automated industrial systems.',
    ar: 'دبلوم التكوين المهني (مستوى تقني متخصص، باكالوريا + سنتان): صيانة وتشغيل الأنظمة الصناعية الآلية.',
  },
  achievementType: 'Diploma',
  qualificationCode: 'TS-ESA',
  awardingBody: {
    id: 'https://www.ofppt.ma',
    name: { fr: 'Office de la Formation Professionnelle et de la Promotion du Travail (OFPPT)', ar: 'مكتب التكوين المهني وإنعاش الشغل' },
    country: 'MA',
    city: 'Casablanca',
  },
  awardDate: '2024-07-12',
  level: { framework: 'ma-cnc', level: '5', frameworkName: 'Cadre national des certifications (Maroc)' },
  fieldOfStudy: { iscedF: '0714', name: { fr: 'Électronique et automatisation', en: 'Electronics and automation' } },
  targetOccupation: { isco08: '3113', name: 'Electrical engineering technicians' },
  hours: 2600,
  training: {
    startDate: '2022-09-19',
    endDate: '2024-06-28',
    theoryHours: 1520,
    practiceHours: 1080,
    modules: [
      { name: { fr: 'Électrotechnique et schémas industriels', en: 'Electrical engineering and industrial diagrams' }, hours: 420 },
      { name: { fr: 'Automates programmables industriels', en: 'Programmable logic controllers' }, hours: 380 },
      { name: { fr: 'Stage en entreprise (maintenance industrielle)', en: 'In-company placement (industrial maintenance)' }, hours: 640 },
    ],
  },
  stateRecognised: true,
  grade: { value: '15.62', type: 'Result', min: '0', max: '20', name: { fr: 'Moyenne générale', en: 'Overall average' } },
  learningOutcomes: [
    {
      text: {
        fr: 'Diagnostiquer et dépanner un système automatisé (API, variateurs, capteurs).',
        en: 'Diagnose and repair an automated system (PLC, drives, sensors).',
      },
      escoSkills: [{ uri: 'http://data.europa.eu/esco/skill/8e0d8bd4-1ad5-4d6c-a0d4-f7b2c1e0a8c3', name: 'troubleshoot' }],
    },
    {
      text: { fr: 'Programmer un automate programmable industriel.', en: 'Program a programmable logic controller.' },
      escoSkills: [{ uri: 'http://data.europa.eu/esco/skill/3c1f2a4e-7b8d-4f0e-9a6b-2d5c8e1f4a7b', name: 'program a PLC' }],
    },
  ],
  transcript: {
    url: 'https://documents.example.ma/ofppt/2024/releve-TS-ESA-2024-0193.pdf',
    sha256: '54e6289e14c7b0e7ad9acc2dfc4c1e3d027d0eef7f5c4c3fe7c292761d0e06a6',
    name: 'Relevé de notes',
    mediaType: 'application/pdf',
  },
} as const;

/** A Goethe-Zertifikat B1 passed in all four modules, taken at an exam centre in Rabat. */
export const languageLevelExample = {
  profile: 'language-level',
  format: 'di',
  primaryLanguage: 'de',
  holder: { name: 'Fatima Zahra Alaoui', birthDate: '1998-11-02', identifiers: [{ type: 'passport', value: 'UX 4821937' }] },
  language: 'de',
  overallLevel: 'B1',
  skillLevels: { listening: 'B1', reading: 'B1', writing: 'B1', speaking: 'B1' },
  exam: {
    name: { de: 'Goethe-Zertifikat B1', fr: 'Goethe-Zertifikat B1 (allemand)', ar: 'شهادة غوته B1' },
    provider: { id: 'https://www.goethe.de', name: 'Goethe-Institut', country: 'DE' },
    date: '2025-02-20',
    centre: { name: { de: 'Goethe-Institut Marokko, Rabat', fr: 'Goethe-Institut Maroc, Rabat' }, country: 'MA', city: 'Rabat' },
    targetLevel: 'B1',
    certificateNumber: 'B1-2025-02-RBA-0457',
    candidateNumber: '0457',
  },
  modulesPassed: [
    { name: { de: 'Lesen', fr: 'Lecture' }, skills: ['reading'], score: '78/100' },
    { name: { de: 'Hören', fr: 'Écoute' }, skills: ['listening'], score: '71/100' },
    { name: { de: 'Schreiben', fr: 'Écriture' }, skills: ['writing'], score: '66/100' },
    { name: { de: 'Sprechen', fr: 'Expression orale' }, skills: ['speaking'], score: '84/100' },
  ],
  evidence: [
    {
      url: 'https://documents.example.ma/goethe/B1-2025-02-RBA-0457.pdf',
      sha256: '62dc6b9d9946603d19b5ea525c505a1e7d0168e6b0bbbf8a5f79a8fd1878e869',
      name: 'Zeugnis Goethe-Zertifikat B1',
      genre: 'CertificateScan',
      mediaType: 'application/pdf',
    },
  ],
} as const;

/** A 120-hour blended pre-departure module of a Morocco → Germany vocational mobility programme. */
export const trainingModuleExample = {
  profile: 'training-module',
  format: 'di',
  primaryLanguage: 'fr',
  holder: { name: 'Youssef Benali', did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  title: {
    fr: 'Préparation au départ : vivre et travailler en Allemagne',
    de: 'Vorbereitung auf die Ausreise: Leben und Arbeiten in Deutschland',
    ar: 'الإعداد قبل السفر: العيش والعمل في ألمانيا',
  },
  description: {
    fr: "Module de 120 heures : droit du travail allemand, sécurité au travail, système de formation dual, démarches d'arrivée et communication interculturelle sur le lieu de travail.",
    de: '120-stündiges Modul: deutsches Arbeitsrecht, Arbeitssicherheit, duales Ausbildungssystem, Behördengänge nach der Ankunft und interkulturelle Kommunikation am Arbeitsplatz.',
  },
  achievementType: 'Course',
  moduleCode: 'PD-DE-120',
  provider: {
    id: 'https://www.anapec.org',
    name: { fr: "Agence Nationale de Promotion de l'Emploi et des Compétences (ANAPEC)" },
    country: 'MA',
    city: 'Rabat',
  },
  hours: 120,
  startDate: '2025-03-03',
  endDate: '2025-04-25',
  mode: 'blended',
  learningOutcomes: [
    {
      text: {
        fr: 'Appliquer les règles de sécurité au travail et de prévention sur un chantier ou en atelier.',
        de: 'Regeln der Arbeitssicherheit auf der Baustelle und in der Werkstatt anwenden.',
      },
      escoSkills: [{ uri: 'http://data.europa.eu/esco/skill/9a3e1c7d-5b2f-4e8a-8c1d-6f4b2a9e3d10', name: 'follow health and safety procedures' }],
    },
    {
      text: {
        fr: 'Expliquer ses droits et obligations de salarié en Allemagne (contrat, salaire, assurances).',
        de: 'Eigene Rechte und Pflichten als Arbeitnehmer in Deutschland erklären.',
      },
    },
  ],
  assessment: {
    method: 'oral-exam',
    date: '2025-04-25',
    description: {
      fr: 'Entretien final sur des situations de travail et quiz de sécurité.',
      de: 'Abschlussgespräch zu Arbeitssituationen und Sicherheitsquiz.',
    },
    assessor: { name: 'Karima Tazi', role: 'Formatrice' },
    grade: { value: 'Réussi', type: 'Result', name: { fr: 'Résultat', de: 'Ergebnis' } },
  },
  programme: {
    id: 'https://mobility.example.org/programmes/ma-de-elektroniker-2025',
    name: {
      fr: 'Parcours de mobilité Maroc–Allemagne : électronicien(ne) pour la technique d’exploitation',
      de: 'Mobilitätsprogramm Marokko–Deutschland: Elektroniker/in für Betriebstechnik',
    },
    targetQualification: {
      name: { de: 'Elektroniker/in für Betriebstechnik', fr: 'Électronicien(ne) pour la technique d’exploitation' },
      level: { framework: 'de-dqr', level: '4', frameworkName: 'Deutscher Qualifikationsrahmen' },
    },
  },
} as const;

/**
 * Construction skills learnt in three seasons of work in Spain, validated in part
 * through the Spanish procedure for the accreditation of professional competences: two
 * of the four units of competence of a level-1 professional certificate, by portfolio
 * review and workplace observation. A 2025 validation falls under Real Decreto 659/2023
 * (which replaced RD 1224/2009 for the procedure) [verify: the article numbers].
 */
export const validatedSkillsExample = {
  profile: 'validated-skills',
  format: 'di',
  primaryLanguage: 'es',
  holder: { name: 'Hassan Ouchen', birthDate: '1990-06-21', identifiers: [{ type: 'passport', value: 'TK9038451' }] },
  title: {
    es: 'Acreditación parcial de competencias profesionales: albañilería (2 de 4 unidades)',
    fr: 'Validation partielle des compétences professionnelles : maçonnerie (2 unités sur 4)',
    ar: 'اعتماد جزئي للكفاءات المهنية: البناء (وحدتان من أصل 4)',
  },
  description: {
    es: 'Competencias adquiridas por experiencia laboral en obras de construcción en España, evaluadas y acreditadas por unidades de competencia.',
    fr: 'Compétences acquises par l’expérience professionnelle sur des chantiers en Espagne, évaluées et validées par unités de compétence.',
  },
  validationExtent: 'partial',
  learningSetting: 'informal',
  validatedUnits: [
    {
      code: 'UC0276_1',
      title: { es: 'Realizar trabajos auxiliares en obras de construcción', fr: 'Réaliser des travaux auxiliaires sur des chantiers de construction' },
      escoSkills: [{ uri: 'http://data.europa.eu/esco/skill/4c2b8e1a-0d3f-4a6b-9e7c-1f5d3b8a2e64', name: 'assist in construction site operations' }],
    },
    {
      code: 'UC0869_1',
      title: { es: 'Elaborar pastas, morteros, adhesivos y hormigones', fr: 'Préparer pâtes, mortiers, colles et bétons' },
      escoSkills: [{ uri: 'http://data.europa.eu/esco/skill/7d1e3a9c-2b5f-4c8e-a6d0-3e9b1f7c4a25', name: 'mix construction grouts' }],
    },
  ],
  referenceQualification: {
    name: { es: 'Operaciones auxiliares de albañilería de fábricas y cubiertas', fr: 'Opérations auxiliaires de maçonnerie et de couverture' },
    code: 'EOCB0208',
    unitCount: 4,
    level: { framework: 'es-cp', level: '1', frameworkName: 'Catálogo Nacional de Cualificaciones Profesionales' },
  },
  referenceOccupation: { isco08: '9313', name: 'Building construction labourers' },
  assessments: [
    {
      method: 'portfolio-review',
      date: '2025-10-06',
      description: { es: 'Revisión del historial profesional (informe de vida laboral, certificados de empresa) y del dossier de competencias.' },
      assessor: { name: 'Javier Ruiz Moreno', role: 'Evaluador habilitado' },
    },
    {
      method: 'workplace-observation',
      date: '2025-10-20',
      description: { es: 'Observación en obra: preparación de morteros y trabajos auxiliares de albañilería.' },
      assessor: { name: 'Javier Ruiz Moreno', role: 'Evaluador habilitado' },
    },
  ],
  validationBody: {
    id: 'https://acreditacion.example.es/andalucia',
    name: {
      es: 'Dispositivo de acreditación de competencias profesionales de Andalucía',
      fr: 'Dispositif andalou de validation des compétences professionnelles',
    },
    country: 'ES',
    city: 'Sevilla',
  },
  validationScheme: {
    name: {
      es: 'Procedimiento de evaluación y acreditación de las competencias profesionales',
      fr: "Procédure d'évaluation et d'accréditation des compétences professionnelles",
    },
    legalBasis:
      'Real Decreto 659/2023, de 18 de julio, por el que se desarrolla la ordenación del Sistema de Formación Profesional (acreditación de competencias profesionales)',
  },
  validationDate: '2025-11-14',
  decision: { number: 'Resolución ACR-2025-SE-0417 (example)', date: '2025-11-14' },
  workExperience: [
    {
      employer: { name: 'Construcciones Atlántico S.L.', country: 'ES', city: 'Huelva' },
      country: 'ES',
      startDate: '2022-03-01',
      endDate: '2022-11-30',
      hours: 1480,
      jobTitle: 'Peón de albañil',
      occupation: { isco08: '9313', name: 'Building construction labourers' },
      attestations: ['https://documents.example.es/empresa/certificado-2022-0871.pdf'],
    },
    {
      employer: { name: 'Construcciones Atlántico S.L.', country: 'ES', city: 'Huelva' },
      country: 'ES',
      startDate: '2023-03-01',
      endDate: '2023-11-30',
      hours: 1500,
      jobTitle: 'Peón de albañil',
      attestations: ['https://documents.example.es/empresa/certificado-2023-1142.pdf', 'https://documents.example.es/seg-social/vida-laboral-2025-3390.pdf'],
    },
  ],
  pathToFullQualification: {
    description: {
      es: 'Para obtener el certificado completo: acreditar las dos unidades restantes por el mismo procedimiento o cursar sus módulos formativos.',
      fr: 'Pour obtenir le certificat complet : faire valider les deux unités restantes par la même procédure ou suivre les modules de formation correspondants.',
    },
    remainingUnits: [
      { code: 'UC0870_1', title: { es: 'Construir fábricas para revestir', fr: 'Construire des maçonneries à enduire' } },
      {
        code: 'UC0871_1',
        title: { es: 'Sanear y regularizar soportes para revestimiento en construcción', fr: 'Assainir et régulariser les supports de revêtement' },
      },
    ],
  },
  evidence: [
    {
      url: 'https://documents.example.es/empresa/certificado-2022-0871.pdf',
      sha256: 'db8274796c45a6fa414c83caf3e53fa561bf4993499b5830762ab11aeb0dc686',
      name: 'Certificado de empresa 2022',
      genre: 'EmployerAttestation',
      mediaType: 'application/pdf',
    },
    {
      url: 'https://documents.example.es/empresa/certificado-2023-1142.pdf',
      sha256: 'c8ec03ed9ce7765f29aa574e50412bd72cf0a36864fe798712c6ef2b398bf283',
      name: 'Certificado de empresa 2023',
      genre: 'EmployerAttestation',
      mediaType: 'application/pdf',
    },
    {
      url: 'https://documents.example.es/seg-social/vida-laboral-2025-3390.pdf',
      sha256: '275217d468678420a30f9a51f6329d76596fc5bc0d3cc2367126aa22e5a71619',
      name: 'Informe de vida laboral',
      genre: 'SocialSecurityRecord',
      mediaType: 'application/pdf',
    },
  ],
} as const;

/**
 * IHK FOSA's partial equivalence for the OFPPT technician above, against the German
 * reference occupation Elektroniker/in für Betriebstechnik (DQR 4), with a six-month
 * adaptation qualification to close the differences: the §16d route. The decision links
 * the diploma and the Goethe certificate it assessed by id and digest. The KldB code and
 * the BQFG paragraphs are illustrative [verify: the KldB 2010 code of the occupation,
 * and the paragraphs a real notice cites]; the file number and the digests are invented.
 */
export const recognitionDecisionExample = {
  profile: 'recognition-decision',
  format: 'di',
  primaryLanguage: 'de',
  holder: { name: 'Youssef Benali', birthDate: '2001-03-14', identifiers: [{ type: 'passport', value: 'UX 4821937' }] },
  title: {
    de: 'Feststellung der teilweisen Gleichwertigkeit: Elektroniker/in für Betriebstechnik',
    fr: 'Équivalence partielle : électronicien(ne) pour la technique d’exploitation',
    en: 'Partial equivalence: electronics technician for industrial engineering',
  },
  description: {
    de: 'Der ausländische Berufsabschluss ist dem deutschen Referenzberuf teilweise gleichwertig; die wesentlichen Unterschiede und die Anpassungsqualifizierung sind im Bescheid genannt.',
    fr: 'Le diplôme étranger est partiellement équivalent à la profession de référence allemande ; les différences substantielles et la qualification d’adaptation sont indiquées dans la décision.',
  },
  decisionType: 'partial-equivalence',
  decisionBody: {
    id: 'https://www.ihk-fosa.de',
    name: { de: 'IHK FOSA – Foreign Skills Approval', en: 'IHK FOSA – Foreign Skills Approval' },
    country: 'DE',
    city: 'Nürnberg',
  },
  decisionNumber: 'FOSA-2026-0457-EB',
  decisionDate: '2026-10-05',
  legalBasis: 'Berufsqualifikationsfeststellungsgesetz (BQFG) §§ 4, 7',
  reference: {
    occupation: {
      name: { de: 'Elektroniker/in für Betriebstechnik', fr: 'Électronicien(ne) pour la technique d’exploitation' },
      kldb: '26212',
      isco08: '7412',
    },
    qualification: {
      name: { de: 'Elektroniker/in für Betriebstechnik (duale Berufsausbildung)' },
      level: { framework: 'de-dqr', level: '4', frameworkName: 'Deutscher Qualifikationsrahmen' },
    },
  },
  differences: [
    { de: 'Installation und Prüfung von Schutzmaßnahmen nach DIN VDE 0100', fr: 'Installation et contrôle des mesures de protection selon DIN VDE 0100' },
    { de: 'Betriebliche Praxis in der Instandhaltung elektrischer Anlagen', fr: 'Pratique en entreprise de la maintenance des installations électriques' },
  ],
  compensatoryMeasures: [
    {
      type: 'adaptation-period',
      durationMonths: 6,
      description: {
        de: 'Anpassungsqualifizierung im Betrieb, danach Folgeantrag auf volle Gleichwertigkeit',
        fr: 'Qualification d’adaptation en entreprise, puis nouvelle demande d’équivalence totale',
      },
    },
  ],
  assessedCredentials: [
    {
      id: 'https://passerelle.example/credentials/3f9d2c4e-8a1b-4c7d-9e2f-5a6b7c8d9e01',
      digestMultibase: 'zQmNRwNKPCo7tufiPf7zBwJhKdswzFLyWHE5am6tAXP7EbB',
      name: 'Technicien spécialisé en électromécanique des systèmes automatisés (OFPPT)',
    },
    {
      id: 'https://passerelle.example/credentials/7c1e5a9b-2d4f-4b8e-a3c6-0f1e2d3c4b5a',
      digestMultibase: 'zQmP4PuJRsKsoFPipAyyXYHC83vL6ghnwqSALYavWeqc3zA',
      name: 'Goethe-Zertifikat B1',
    },
  ],
} as const;

export const PROFILE_EXAMPLES: Readonly<Record<string, object>> = {
  diploma: diplomaExample,
  'language-level': languageLevelExample,
  'training-module': trainingModuleExample,
  'validated-skills': validatedSkillsExample,
  'recognition-decision': recognitionDecisionExample,
};
