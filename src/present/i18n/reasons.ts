import type { Reason, ReasonCode, ReasonParam } from '../../shared/reason.js';
import { isolatedIn, messagesFor, type Messages, type PageLanguage } from './messages.js';

/**
 * The one place where a reason (shared/reason.ts: a code and its parameters) becomes a
 * sentence in the reader's language. Producers keep their English sentence as the
 * technical detail; this catalogue says the same thing in plain words a Spanish employer
 * or a German recognition officer reads. Identifiers the credential or the data carry
 * (framework abbreviations, level codes, names, DIDs, legal references) stay as written.
 */

/** What a sentence may read from its reason's parameters, already in the reader's language. */
export interface Say {
  m: Messages;
  has(name: string): boolean;
  /** A string parameter; a list reads as its items separated by "; ". */
  s(name: string): string;
  items(name: string): string[];
  n(name: string): number;
  /** A list joined with "and" / "or" in the reader's language. */
  and(name: string): string;
  or(name: string): string;
  /** A language code (ISO 639) as the reader's word for that language. */
  language(name: string): string;
  check(name: string): string;
  checks(name: string): string;
  verdict(name: string): string;
  skill(name: string): string;
  decision(name: string): string;
  decisions(name: string): string;
  measure(name: string): string;
  /** An OB 3.0 result status (Failed, InProgress…). */
  status(name: string): string;
  /** A nested reason, or several joined with "; ". */
  reason(name: string): string;
  reasons(name: string): string;
  /** "Credential 2 (title)" in the reader's language, from `credential` (1-based) and `title`. */
  who(): string;
  /** Levels from one framework to the next, with the page's arrow (← in Arabic). */
  chain(name: string): string;
  /** "EQF 4 or 5" from `target` and `levels`. */
  inTarget(): string;
}

type Sentence = (t: Say) => string;
type Translations = Record<PageLanguage, Sentence>;

const opt = (present: boolean, text: () => string) => (present ? text() : '');

const RESULT_STATUSES: Record<PageLanguage, Record<string, string>> = {
  en: { Failed: 'failed', Withdrew: 'withdrawn', InProgress: 'in progress', Enrolled: 'enrolled', OnHold: 'on hold', Provisional: 'provisional' },
  fr: { Failed: 'échoué', Withdrew: 'abandonné', InProgress: 'en cours', Enrolled: 'inscrit', OnHold: 'suspendu', Provisional: 'provisoire' },
  de: { Failed: 'nicht bestanden', Withdrew: 'zurückgetreten', InProgress: 'laufend', Enrolled: 'angemeldet', OnHold: 'ruhend', Provisional: 'vorläufig' },
  es: { Failed: 'no superado', Withdrew: 'retirado', InProgress: 'en curso', Enrolled: 'inscrito', OnHold: 'en pausa', Provisional: 'provisional' },
  ar: { Failed: 'راسب', Withdrew: 'منسحب', InProgress: 'قيد الإنجاز', Enrolled: 'مسجَّل', OnHold: 'معلَّق', Provisional: 'مؤقت' },
};

const METHODS: Record<PageLanguage, Record<string, string>> = {
  en: {
    descriptor: 'by level descriptors',
    'qualification-type': 'by the qualifications placed at each level',
    'level-title': "only by each level's one-line title (no level descriptors are published)",
    unstated: 'by the authors of the data',
  },
  fr: {
    descriptor: 'par les descripteurs de niveau',
    'qualification-type': 'par les certifications placées à chaque niveau',
    'level-title': "seulement par l'intitulé d'une ligne de chaque niveau (aucun descripteur n'est publié)",
    unstated: 'par les auteurs des données',
  },
  de: {
    descriptor: 'anhand der Niveaubeschreibungen',
    'qualification-type': 'anhand der Abschlüsse, die dem jeweiligen Niveau zugeordnet sind',
    'level-title': 'nur anhand der einzeiligen Niveaubezeichnung (Niveaubeschreibungen sind nicht veröffentlicht)',
    unstated: 'durch die Autoren der Daten',
  },
  es: {
    descriptor: 'por los descriptores de nivel',
    'qualification-type': 'por las cualificaciones situadas en cada nivel',
    'level-title': 'solo por el título de una línea de cada nivel (no se publican descriptores)',
    unstated: 'por los autores de los datos',
  },
  ar: {
    descriptor: 'بحسب واصفات المستويات',
    'qualification-type': 'بحسب المؤهلات المصنَّفة في كل مستوى',
    'level-title': 'بحسب عنوان كل مستوى المؤلَّف من سطر واحد فقط (لا واصفات منشورة)',
    unstated: 'من قِبل معدّي البيانات',
  },
};

/** Between findings of one reason: French spaces its semicolon, Arabic has its own. */
const REASON_JOINERS: Record<PageLanguage, string> = { en: '; ', fr: ' ; ', de: '; ', es: '; ', ar: '؛ ' };

/** "n months" in Arabic: the counted noun agrees with the number (1, 2, 3–10, 11 and more). */
export function arabicMonths(n: number): string {
  if (n === 1) return 'شهر واحد';
  if (n === 2) return 'شهران';
  return n >= 3 && n <= 10 ? `${n} أشهر` : `${n} شهرًا`;
}

const QUOTES: Record<PageLanguage, (text: string) => string> = {
  en: (text) => `"${text}"`,
  fr: (text) => `« ${text} »`,
  de: (text) => `„${text}“`,
  es: (text) => `«${text}»`,
  ar: (text) => `«${text}»`,
};

/** Prefix of a finding about one link of a dossier credential: "Credential 2 → urn:…:". */
const linkPrefix = (t: Say) => opt(t.has('credential'), () => `${t.who()} ${t.m.levelArrow} ${t.s('id')}${opt(t.has('name'), () => ` (${t.s('name')})`)}: `);
const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

export const REASON_SENTENCES: Record<ReasonCode, Translations> = {
  'requirement.none-of-alternatives': {
    en: (t) => `None of the ${t.n('count')} alternatives is met.`,
    fr: (t) => `Aucune des ${t.n('count')} possibilités n'est remplie.`,
    de: (t) => `Keine der ${t.n('count')} Alternativen ist erfüllt.`,
    es: (t) => `No se cumple ninguna de las ${t.n('count')} alternativas.`,
    ar: (t) => `لم يتحقق أيٌّ من البدائل (عددها ${t.n('count')}).`,
  },
  'requirement.alternative': {
    en: (t) => `Alternative ${t.s('alternative')}: ${t.reason('reason')}`,
    fr: (t) => `Possibilité ${t.s('alternative')} : ${t.reason('reason')}`,
    de: (t) => `Alternative ${t.s('alternative')}: ${t.reason('reason')}`,
    es: (t) => `Alternativa ${t.s('alternative')}: ${t.reason('reason')}`,
    ar: (t) => `البديل ${t.s('alternative')}: ${t.reason('reason')}`,
  },
  'requirement.not-verified': {
    en: (t) => `${t.who()} was not verified (verdict: ${t.verdict('verdict')}), so its claims do not count as evidence.`,
    fr: (t) => `${t.who()} n'a pas été vérifiée (résultat : ${t.verdict('verdict')}) ; ses affirmations ne comptent donc pas comme preuve.`,
    de: (t) => `${t.who()} wurde nicht bestätigt (Ergebnis: ${t.verdict('verdict')}); seine Angaben zählen daher nicht als Beleg.`,
    es: (t) => `${t.who()} no se ha verificado (resultado: ${t.verdict('verdict')}), por lo que sus datos no cuentan como prueba.`,
    ar: (t) => `لم يُتحقَّق من ${t.who()} (النتيجة: ${t.verdict('verdict')})، لذا لا تُحتسب بياناتها دليلًا.`,
  },
  'requirement.no-evidence': {
    en: (t) =>
      ({
        language: `None of the ${t.n('count')} credential(s) states a level in ${t.language('language')}.`,
        'recognition-decision': `None of the ${t.n('count')} credential(s) is a recognition decision.`,
      })[t.s('kind')] ?? `None of the ${t.n('count')} credential(s) states a qualification level.`,
    fr: (t) =>
      ({
        language: `Aucune des ${t.n('count')} attestation(s) n'indique un niveau en ${t.language('language')}.`,
        'recognition-decision': `Aucune des ${t.n('count')} attestation(s) n'est une décision de reconnaissance.`,
      })[t.s('kind')] ?? `Aucune des ${t.n('count')} attestation(s) n'indique un niveau de certification.`,
    de: (t) =>
      ({
        language: `Keiner der ${t.n('count')} Nachweise gibt ein Niveau in ${t.language('language')} an.`,
        'recognition-decision': `Keiner der ${t.n('count')} Nachweise ist ein Anerkennungsbescheid.`,
      })[t.s('kind')] ?? `Keiner der ${t.n('count')} Nachweise gibt ein Qualifikationsniveau an.`,
    es: (t) =>
      ({
        language: `Ninguna de las ${t.n('count')} credenciales indica un nivel de ${t.language('language')}.`,
        'recognition-decision': `Ninguna de las ${t.n('count')} credenciales es una resolución de reconocimiento.`,
      })[t.s('kind')] ?? `Ninguna de las ${t.n('count')} credenciales indica un nivel de cualificación.`,
    ar: (t) =>
      ({
        language: `لا تذكر أيٌّ من الشهادات (عددها ${t.n('count')}) مستوى في ${t.language('language')}.`,
        'recognition-decision': `ليست أيٌّ من الشهادات (عددها ${t.n('count')}) قرارَ اعتراف.`,
      })[t.s('kind')] ?? `لا تذكر أيٌّ من الشهادات (عددها ${t.n('count')}) مستوى مؤهل.`,
  },
  'requirement.not-met': {
    en: (t) => `Not met: ${t.reasons('because')}.`,
    fr: (t) => `Non rempli : ${t.reasons('because')}.`,
    de: (t) => `Nicht erfüllt: ${t.reasons('because')}.`,
    es: (t) => `No se cumple: ${t.reasons('because')}.`,
    ar: (t) => `غير مستوفى: ${t.reasons('because')}.`,
  },
  'requirement.cannot-tell': {
    en: (t) => `Cannot tell: ${t.reasons('because')}.`,
    fr: (t) => `Impossible de conclure : ${t.reasons('because')}.`,
    de: (t) => `Nicht feststellbar: ${t.reasons('because')}.`,
    es: (t) => `No se puede determinar: ${t.reasons('because')}.`,
    ar: (t) => `يتعذّر الحكم: ${t.reasons('because')}.`,
  },
  'language.exam-not-passed': {
    en: (t) => `the exam result is "${t.status('statuses')}", so no level was reached`,
    fr: (t) => `le résultat de l'examen est « ${t.status('statuses')} » : aucun niveau n'a été atteint`,
    de: (t) => `das Prüfungsergebnis lautet „${t.status('statuses')}“, es wurde also kein Niveau erreicht`,
    es: (t) => `el resultado del examen es «${t.status('statuses')}», por lo que no se alcanzó ningún nivel`,
    ar: (t) => `نتيجة الامتحان «${t.status('statuses')}»، فلم يُبلَغ أي مستوى`,
  },
  'language.provider-not-recognized': {
    en: (t) => `the credential names ${t.and('brands')} as exam provider, but no authority this service trusts recognizes its signer for that`,
    fr: (t) =>
      `l'attestation désigne ${t.and('brands')} comme organisme d'examen, mais aucune autorité à laquelle ce service fait confiance ne reconnaît son signataire pour cela`,
    de: (t) => `der Nachweis nennt ${t.and('brands')} als Prüfungsanbieter, aber keine Stelle, der dieser Dienst vertraut, erkennt den Unterzeichner dafür an`,
    es: (t) =>
      `la credencial menciona ${t.and('brands')} como entidad examinadora, pero ninguna autoridad en la que confía este servicio reconoce a su firmante para ello`,
    ar: (t) => `تذكر الشهادة ${t.and('brands')} جهةً مانحة للامتحان، لكن لا تعترف أي سلطة يثق بها هذا النظام بالجهة الموقِّعة لذلك`,
  },
  'language.signer-not-recognized': {
    en: (t) => `no authority this service trusts recognizes its signer as an exam provider of ${t.or('wanted')}`,
    fr: (t) => `aucune autorité à laquelle ce service fait confiance ne reconnaît son signataire comme organisme d'examen ${t.or('wanted')}`,
    de: (t) => `keine Stelle, der dieser Dienst vertraut, erkennt den Unterzeichner als Prüfungsanbieter für ${t.or('wanted')} an`,
    es: (t) => `ninguna autoridad en la que confía este servicio reconoce a su firmante como entidad examinadora de ${t.or('wanted')}`,
    ar: (t) => `لا تعترف أي سلطة يثق بها هذا النظام بالجهة الموقِّعة جهةً مانحة لامتحانات ${t.or('wanted')}`,
  },
  'language.no-exam-date': {
    en: () => 'the credential gives no exam date',
    fr: () => "l'attestation n'indique pas de date d'examen",
    de: () => 'der Nachweis nennt kein Prüfungsdatum',
    es: () => 'la credencial no indica la fecha del examen',
    ar: () => 'لا تذكر الشهادة تاريخ الامتحان',
  },
  'language.exam-too-old': {
    en: (t) =>
      `${t.n('oldestModule') === 1 ? `the oldest passed module (${t.s('date')})` : `the exam of ${t.s('date')}`} is older than ${t.n('months')} months`,
    fr: (t) =>
      `${t.n('oldestModule') === 1 ? `le plus ancien module réussi (${t.s('date')})` : `l'examen du ${t.s('date')}`} date de plus de ${t.n('months')} mois`,
    de: (t) =>
      `${t.n('oldestModule') === 1 ? `das älteste bestandene Modul (${t.s('date')})` : `die Prüfung vom ${t.s('date')}`} ist älter als ${t.n('months')} Monate`,
    es: (t) =>
      `${t.n('oldestModule') === 1 ? `el módulo aprobado más antiguo (${t.s('date')})` : `el examen del ${t.s('date')}`} tiene más de ${t.n('months')} meses`,
    ar: (t) => `مضى على ${t.n('oldestModule') === 1 ? `أقدم وحدة ناجحة (${t.s('date')})` : `امتحان ${t.s('date')}`} أكثر من ${arabicMonths(t.n('months'))}`,
  },
  'language.level-below': {
    en: (t) =>
      ({
        overall: `the overall level is ${t.s('level')}, below ${t.s('min')}`,
        lowest: `the lowest skill level (no overall level is stated) is ${t.s('level')}, below ${t.s('min')}`,
      })[t.s('scale')] ?? `${t.skill('scale')}: ${t.s('level')}, below ${t.s('min')}`,
    fr: (t) =>
      ({
        overall: `le niveau global est ${t.s('level')}, en dessous de ${t.s('min')}`,
        lowest: `la compétence la plus faible (aucun niveau global n'est indiqué) est au niveau ${t.s('level')}, en dessous de ${t.s('min')}`,
      })[t.s('scale')] ?? `${t.skill('scale')} : ${t.s('level')}, en dessous de ${t.s('min')}`,
    de: (t) =>
      ({
        overall: `das Gesamtniveau ist ${t.s('level')} und liegt unter ${t.s('min')}`,
        lowest: `die schwächste Fertigkeit (kein Gesamtniveau angegeben) liegt bei ${t.s('level')}, unter ${t.s('min')}`,
      })[t.s('scale')] ?? `${t.skill('scale')}: ${t.s('level')}, unter ${t.s('min')}`,
    es: (t) =>
      ({
        overall: `el nivel global es ${t.s('level')}, por debajo de ${t.s('min')}`,
        lowest: `la destreza más baja (no se indica nivel global) es ${t.s('level')}, por debajo de ${t.s('min')}`,
      })[t.s('scale')] ?? `${t.skill('scale')}: ${t.s('level')}, por debajo de ${t.s('min')}`,
    ar: (t) =>
      ({
        overall: `المستوى العام ${t.s('level')}، وهو دون ${t.s('min')}`,
        lowest: `أضعف مهارة (لا يُذكر مستوى عام) في المستوى ${t.s('level')}، وهو دون ${t.s('min')}`,
      })[t.s('scale')] ?? `${t.skill('scale')}: ${t.s('level')}، وهو دون ${t.s('min')}`,
  },
  'language.no-skill-level': {
    en: (t) => `the credential states no level for "${t.skill('skill')}"${opt(t.has('overall'), () => ` (only the overall level ${t.s('overall')})`)}`,
    fr: (t) =>
      `l'attestation n'indique aucun niveau pour « ${t.skill('skill')} »${opt(t.has('overall'), () => ` (seulement le niveau global ${t.s('overall')})`)}`,
    de: (t) => `der Nachweis nennt kein Niveau für „${t.skill('skill')}“${opt(t.has('overall'), () => ` (nur das Gesamtniveau ${t.s('overall')})`)}`,
    es: (t) => `la credencial no indica el nivel de «${t.skill('skill')}»${opt(t.has('overall'), () => ` (solo el nivel global ${t.s('overall')})`)}`,
    ar: (t) => `لا تذكر الشهادة مستوى «${t.skill('skill')}»${opt(t.has('overall'), () => ` (بل المستوى العام ${t.s('overall')} فقط)`)}`,
  },
  'language.no-overall-level': {
    en: () => 'the credential states neither an overall level nor all four skill levels',
    fr: () => "l'attestation n'indique ni niveau global ni le niveau des quatre compétences",
    de: () => 'der Nachweis nennt weder ein Gesamtniveau noch die Niveaus aller vier Fertigkeiten',
    es: () => 'la credencial no indica ni un nivel global ni el nivel de las cuatro destrezas',
    ar: () => 'لا تذكر الشهادة مستوى عامًا ولا مستويات المهارات الأربع كلها',
  },
  'language.met': {
    en: (t) =>
      `Met: ${t.language('language')} ${t.s('stated')}, at or above ${t.s('min')}${opt(t.has('brand'), () => `, signed by an issuer recognized for ${t.s('brand')} exams`)}${opt(t.has('examDate'), () => `, exam of ${t.s('examDate')}`)}.`,
    fr: (t) =>
      `Rempli : ${t.language('language')} ${t.s('stated')}, au moins ${t.s('min')}${opt(t.has('brand'), () => `, signé par un émetteur reconnu pour les examens ${t.s('brand')}`)}${opt(t.has('examDate'), () => `, examen du ${t.s('examDate')}`)}.`,
    de: (t) =>
      `Erfüllt: ${t.language('language')} ${t.s('stated')}, mindestens ${t.s('min')}${opt(t.has('brand'), () => `, unterzeichnet von einem für ${t.s('brand')}-Prüfungen anerkannten Aussteller`)}${opt(t.has('examDate'), () => `, Prüfung vom ${t.s('examDate')}`)}.`,
    es: (t) =>
      `Se cumple: ${t.language('language')} ${t.s('stated')}, ${t.s('min')} o superior${opt(t.has('brand'), () => `, firmado por un emisor reconocido para los exámenes ${t.s('brand')}`)}${opt(t.has('examDate'), () => `, examen del ${t.s('examDate')}`)}.`,
    ar: (t) =>
      `مستوفى: ${t.language('language')} بمستوى ${t.s('stated')}، أي ${t.s('min')} أو أعلى${opt(t.has('brand'), () => `، موقَّعة من جهة معترف بها لامتحانات ${t.s('brand')}`)}${opt(t.has('examDate'), () => `، امتحان بتاريخ ${t.s('examDate')}`)}.`,
  },
  'level.unknown': {
    en: (t) => `Cannot tell: the credential states ${t.s('stated')}, which the framework registry does not know.`,
    fr: (t) => `Impossible de conclure : l'attestation indique ${t.s('stated')}, que le registre des cadres ne connaît pas.`,
    de: (t) => `Nicht feststellbar: Der Nachweis nennt ${t.s('stated')}; das ist im Verzeichnis der Qualifikationsrahmen nicht bekannt.`,
    es: (t) => `No se puede determinar: la credencial indica ${t.s('stated')}, que el registro de marcos no conoce.`,
    ar: (t) => `يتعذّر الحكم: تذكر الشهادة ${t.s('stated')}، وهو غير معروف في سجل الأطر.`,
  },
  'level.no-correspondence': {
    en: (t) => `Cannot tell: ${t.s('stated')} has no recorded correspondence in ${t.s('target')}. ${t.reason('mapping')}`,
    fr: (t) => `Impossible de conclure : aucune correspondance de ${t.s('stated')} dans le cadre ${t.s('target')} n'est enregistrée. ${t.reason('mapping')}`,
    de: (t) => `Nicht feststellbar: Für ${t.s('stated')} ist keine Entsprechung im Rahmen ${t.s('target')} erfasst. ${t.reason('mapping')}`,
    es: (t) => `No se puede determinar: no consta ninguna correspondencia de ${t.s('stated')} en el marco ${t.s('target')}. ${t.reason('mapping')}`,
    ar: (t) => `يتعذّر الحكم: لا توجد مقابلة مسجَّلة للمستوى ${t.s('stated')} في الإطار ${t.s('target')}. ${t.reason('mapping')}`,
  },
  'level.only-indicative': {
    en: (t) => `Not met on an official basis: ${t.s('stated')} corresponds to ${t.inTarget()} only indicatively.`,
    fr: (t) => `Non rempli sur une base officielle : ${t.s('stated')} ne correspond à ${t.inTarget()} qu'à titre indicatif.`,
    de: (t) => `Auf amtlicher Grundlage nicht erfüllt: ${t.s('stated')} entspricht ${t.inTarget()} nur zur Orientierung.`,
    es: (t) => `No se cumple con base oficial: ${t.s('stated')} solo equivale a ${t.inTarget()} de forma orientativa.`,
    ar: (t) => `غير مستوفى على أساس رسمي: يقابل ${t.s('stated')} المستوى ${t.inTarget()} على سبيل الاسترشاد فقط.`,
  },
  'level.met': {
    en: (t) =>
      `Met: ${t.s('stated')} corresponds ${t.s('basis') === 'official' ? 'officially' : 'indicatively'} to ${t.inTarget()}, at or above ${t.s('target')} ${t.s('min')}.`,
    fr: (t) =>
      `Rempli : ${t.s('stated')} correspond ${t.s('basis') === 'official' ? 'officiellement' : 'à titre indicatif'} à ${t.inTarget()}, au moins ${t.s('target')} ${t.s('min')}.`,
    de: (t) =>
      `Erfüllt: ${t.s('stated')} entspricht ${t.s('basis') === 'official' ? 'amtlich' : 'zur Orientierung'} ${t.inTarget()}, mindestens ${t.s('target')} ${t.s('min')}.`,
    es: (t) =>
      `Se cumple: ${t.s('stated')} equivale ${t.s('basis') === 'official' ? 'oficialmente' : 'de forma orientativa'} a ${t.inTarget()}, ${t.s('target')} ${t.s('min')} o superior.`,
    ar: (t) =>
      `مستوفى: يقابل ${t.s('stated')} ${t.s('basis') === 'official' ? 'رسميًا' : 'على سبيل الاسترشاد'} المستوى ${t.inTarget()}، أي ${t.s('target')} ${t.s('min')} أو أعلى.`,
  },
  'level.below': {
    en: (t) =>
      `Not met: ${t.s('stated')} corresponds ${t.s('basis') === 'official' ? 'officially' : 'indicatively'} to ${t.inTarget()}, below ${t.s('target')} ${t.s('min')}.`,
    fr: (t) =>
      `Non rempli : ${t.s('stated')} correspond ${t.s('basis') === 'official' ? 'officiellement' : 'à titre indicatif'} à ${t.inTarget()}, en dessous de ${t.s('target')} ${t.s('min')}.`,
    de: (t) =>
      `Nicht erfüllt: ${t.s('stated')} entspricht ${t.s('basis') === 'official' ? 'amtlich' : 'zur Orientierung'} ${t.inTarget()}, unter ${t.s('target')} ${t.s('min')}.`,
    es: (t) =>
      `No se cumple: ${t.s('stated')} equivale ${t.s('basis') === 'official' ? 'oficialmente' : 'de forma orientativa'} a ${t.inTarget()}, por debajo de ${t.s('target')} ${t.s('min')}.`,
    ar: (t) =>
      `غير مستوفى: يقابل ${t.s('stated')} ${t.s('basis') === 'official' ? 'رسميًا' : 'على سبيل الاسترشاد'} المستوى ${t.inTarget()}، وهو دون ${t.s('target')} ${t.s('min')}.`,
  },
  'level.spans': {
    en: (t) => `Cannot tell: ${t.s('stated')} spans ${t.inTarget()}, on both sides of ${t.s('target')} ${t.s('min')}.`,
    fr: (t) => `Impossible de conclure : ${t.s('stated')} couvre ${t.inTarget()}, de part et d'autre de ${t.s('target')} ${t.s('min')}.`,
    de: (t) => `Nicht feststellbar: ${t.s('stated')} umfasst ${t.inTarget()}, teils unter, teils ab ${t.s('target')} ${t.s('min')}.`,
    es: (t) => `No se puede determinar: ${t.s('stated')} abarca ${t.inTarget()}, a ambos lados de ${t.s('target')} ${t.s('min')}.`,
    ar: (t) => `يتعذّر الحكم: يمتد ${t.s('stated')} على ${t.inTarget()}، أي دون ${t.s('target')} ${t.s('min')} وفوقه.`,
  },
  'decision.issuer-not-recognized': {
    en: (t) => `Not met: the decision (${t.decision('decision')}) is authentic, but no authority this service trusts recognizes its issuer for it.`,
    fr: (t) =>
      `Non rempli : la décision (${t.decision('decision')}) est authentique, mais aucune autorité à laquelle ce service fait confiance ne reconnaît son émetteur pour cela.`,
    de: (t) =>
      `Nicht erfüllt: Der Bescheid (${t.decision('decision')}) ist echt, aber keine Stelle, der dieser Dienst vertraut, erkennt den Aussteller dafür an.`,
    es: (t) =>
      `No se cumple: la resolución (${t.decision('decision')}) es auténtica, pero ninguna autoridad en la que confía este servicio reconoce a su emisor para ello.`,
    ar: (t) => `غير مستوفى: القرار (${t.decision('decision')}) أصيل، لكن لا تعترف أي سلطة يثق بها هذا النظام بالجهة المُصدِرة له لهذا الغرض.`,
  },
  'decision.other-type': {
    en: (t) => `Not met: the decision is "${t.decision('decision')}", not ${t.decisions('wanted')}.`,
    fr: (t) => `Non rempli : la décision est « ${t.decision('decision')} », et non ${t.decisions('wanted')}.`,
    de: (t) => `Nicht erfüllt: Der Bescheid lautet „${t.decision('decision')}“, nicht ${t.decisions('wanted')}.`,
    es: (t) => `No se cumple: la resolución es «${t.decision('decision')}», no ${t.decisions('wanted')}.`,
    ar: (t) => `غير مستوفى: القرار «${t.decision('decision')}» وليس ${t.decisions('wanted')}.`,
  },
  'decision.no-measure': {
    en: (t) => `Not met: the decision (${t.decision('decision')}) imposes no measure "${t.measure('measure')}".`,
    fr: (t) => `Non rempli : la décision (${t.decision('decision')}) n'impose pas de mesure « ${t.measure('measure')} ».`,
    de: (t) => `Nicht erfüllt: Der Bescheid (${t.decision('decision')}) sieht keine Maßnahme „${t.measure('measure')}“ vor.`,
    es: (t) => `No se cumple: la resolución (${t.decision('decision')}) no impone la medida «${t.measure('measure')}».`,
    ar: (t) => `غير مستوفى: لا يفرض القرار (${t.decision('decision')}) تدبير «${t.measure('measure')}».`,
  },
  'decision.met': {
    en: (t) =>
      `Met: ${t.decision('decision')}${opt(t.has('measure'), () => `, with the measure "${t.measure('measure')}"${opt(t.has('months'), () => ` of ${t.n('months')} months`)}`)}, issued by a recognized body.`,
    fr: (t) =>
      `Rempli : ${t.decision('decision')}${opt(t.has('measure'), () => `, avec la mesure « ${t.measure('measure')} »${opt(t.has('months'), () => ` de ${t.n('months')} mois`)}`)}, délivrée par un organisme reconnu.`,
    de: (t) =>
      `Erfüllt: ${t.decision('decision')}${opt(t.has('measure'), () => `, mit der Maßnahme „${t.measure('measure')}“${opt(t.has('months'), () => ` von ${t.n('months')} Monaten`)}`)}, ausgestellt von einer anerkannten Stelle.`,
    es: (t) =>
      `Se cumple: ${t.decision('decision')}${opt(t.has('measure'), () => `, con la medida «${t.measure('measure')}»${opt(t.has('months'), () => ` de ${t.n('months')} meses`)}`)}, emitida por un organismo reconocido.`,
    ar: (t) =>
      `مستوفى: ${t.decision('decision')}${opt(t.has('measure'), () => `، مع تدبير «${t.measure('measure')}»${opt(t.has('months'), () => ` مدته ${arabicMonths(t.n('months'))}`)}`)}، صادر عن جهة معترف بها.`,
  },
  'mapping.same-framework': {
    en: () => 'Same framework.',
    fr: () => 'Même cadre.',
    de: () => 'Derselbe Rahmen.',
    es: () => 'Mismo marco.',
    ar: () => 'الإطار نفسه.',
  },
  'mapping.official': {
    en: (t) => `Official: the referencing of ${t.and('frameworks')} to the ${t.s('hub')} is official. ${t.chain('chain')}.`,
    fr: (t) => `Officiel : le référencement de ${t.and('frameworks')} au ${t.s('hub')} est officiel. ${t.chain('chain')}.`,
    de: (t) => `Amtlich: Die Referenzierung von ${t.and('frameworks')} zum ${t.s('hub')} ist offiziell. ${t.chain('chain')}.`,
    es: (t) => `Oficial: la referenciación de ${t.and('frameworks')} al ${t.s('hub')} es oficial. ${t.chain('chain')}.`,
    ar: (t) => `رسمي: ربط ${t.and('frameworks')} بالإطار ${t.s('hub')} ربطٌ رسمي. ${t.chain('chain')}.`,
  },
  'mapping.indicative': {
    en: (t) => `Indicative, not an official equivalence: ${t.chain('chain')}, compared ${methods(t, 'en')}.`,
    fr: (t) => `Indicatif, pas une équivalence officielle : ${t.chain('chain')}, comparé ${methods(t, 'fr')}.`,
    de: (t) => `Orientierung, keine amtliche Gleichwertigkeit: ${t.chain('chain')}, verglichen ${methods(t, 'de')}.`,
    es: (t) => `Orientativo, no una equivalencia oficial: ${t.chain('chain')}, comparado ${methods(t, 'es')}.`,
    ar: (t) => `استرشادي، وليس معادلة رسمية: ${t.chain('chain')}، والمقارنة ${methods(t, 'ar')}.`,
  },
  'mapping.several-levels': {
    en: (t) => `It corresponds to several ${t.s('framework')} levels: ${t.and('levels')}.`,
    fr: (t) => `Il correspond à plusieurs niveaux du cadre ${t.s('framework')} : ${t.and('levels')}.`,
    de: (t) => `Es entspricht mehreren Niveaus im Rahmen ${t.s('framework')}: ${t.and('levels')}.`,
    es: (t) => `Corresponde a varios niveles del marco ${t.s('framework')}: ${t.and('levels')}.`,
    ar: (t) => `يقابل عدة مستويات في الإطار ${t.s('framework')}: ${t.and('levels')}.`,
  },
  'mapping.former-code': {
    en: (t) => `${t.s('framework')} ${t.s('code')} is the former code of level ${t.s('level')}.`,
    fr: (t) => `${t.s('framework')} ${t.s('code')} est l'ancien code du niveau ${t.s('level')}.`,
    de: (t) => `${t.s('framework')} ${t.s('code')} ist die frühere Bezeichnung von Niveau ${t.s('level')}.`,
    es: (t) => `${t.s('framework')} ${t.s('code')} es el código anterior del nivel ${t.s('level')}.`,
    ar: (t) => `${t.s('framework')} ${t.s('code')} هو الرمز السابق للمستوى ${t.s('level')}.`,
  },
  'mapping.former-code-spans': {
    en: (t) => `The former ${t.s('framework')} code ${t.s('code')} names levels ${t.and('levels')}, so the answer spans them.`,
    fr: (t) => `L'ancien code ${t.s('code')} du cadre ${t.s('framework')} désigne les niveaux ${t.and('levels')} ; la réponse les couvre donc tous.`,
    de: (t) => `Die frühere Bezeichnung ${t.s('code')} im Rahmen ${t.s('framework')} steht für die Niveaus ${t.and('levels')}; die Antwort umfasst daher alle.`,
    es: (t) => `El código anterior ${t.s('code')} del marco ${t.s('framework')} designa los niveles ${t.and('levels')}, por lo que la respuesta los abarca.`,
    ar: (t) => `الرمز السابق ${t.s('code')} في الإطار ${t.s('framework')} يدل على المستويات ${t.and('levels')}، لذا يشملها الجواب كلها.`,
  },
  'mapping.none-language-scale': {
    en: (t) => `${t.s('scale')} is a language proficiency scale, not a qualifications framework: it has no correspondence with ${t.s('other')} levels.`,
    fr: (t) =>
      `${t.s('scale')} est une échelle de compétence en langues, pas un cadre de certifications : il n'a pas de correspondance avec les niveaux du cadre ${t.s('other')}.`,
    de: (t) =>
      `${t.s('scale')} ist eine Skala für Sprachkompetenz, kein Qualifikationsrahmen: Es gibt keine Entsprechung zu Niveaus im Rahmen ${t.s('other')}.`,
    es: (t) =>
      `${t.s('scale')} es una escala de competencia lingüística, no un marco de cualificaciones: no tiene correspondencia con los niveles del marco ${t.s('other')}.`,
    ar: (t) => `${t.s('scale')} سلّمٌ للكفاءة اللغوية وليس إطارًا للمؤهلات: لا مقابلة له مع مستويات الإطار ${t.s('other')}.`,
  },
  'mapping.none-no-levels': {
    en: (t) => `The framework ${t.s('framework')} has no levels yet.`,
    fr: (t) => `Le cadre ${t.s('framework')} n'a pas encore de niveaux.`,
    de: (t) => `Der Rahmen ${t.s('framework')} hat noch keine Niveaus.`,
    es: (t) => `El marco ${t.s('framework')} aún no tiene niveles.`,
    ar: (t) => `لا مستويات للإطار ${t.s('framework')} حتى الآن.`,
  },
  'mapping.none-continental': {
    en: (t) =>
      `${t.s('framework')} is a continental framework for Africa, not referenced to the ${t.s('other')}: no referencing between the two exists, so no correspondence is given. Compare through a national framework referenced to each.`,
    fr: (t) =>
      `Le cadre ${t.s('framework')} est un cadre continental pour l'Afrique, non référencé au ${t.s('other')} : aucun référencement n'existe entre les deux, donc aucune correspondance n'est donnée. Comparez par un cadre national référencé à chacun.`,
    de: (t) =>
      `Der Rahmen ${t.s('framework')} ist ein kontinentaler Rahmen für Afrika und nicht zum ${t.s('other')} referenziert: Zwischen beiden gibt es keine Referenzierung, daher wird keine Entsprechung angegeben. Vergleichen Sie über einen nationalen Rahmen, der zu beiden referenziert ist.`,
    es: (t) =>
      `El marco ${t.s('framework')} es un marco continental para África, no referenciado al ${t.s('other')}: no existe referenciación entre ambos, así que no se da ninguna correspondencia. Compare a través de un marco nacional referenciado a cada uno.`,
    ar: (t) =>
      `الإطار ${t.s('framework')} إطار قاري لأفريقيا غير مربوط بالإطار ${t.s('other')}: لا يوجد ربط بينهما، لذا لا تُعطى أي مقابلة. قارن عبر إطار وطني مربوط بكلٍّ منهما.`,
  },
  'mapping.none-unrecorded': {
    en: (t) => `No official or indicative correspondence is recorded between ${t.s('from')} and ${t.s('to')}.`,
    fr: (t) => `Aucune correspondance officielle ou indicative n'est enregistrée entre ${t.s('from')} et ${t.s('to')}.`,
    de: (t) => `Zwischen ${t.s('from')} und ${t.s('to')} ist keine amtliche oder orientierende Entsprechung erfasst.`,
    es: (t) => `No consta ninguna correspondencia oficial ni orientativa entre ${t.s('from')} y ${t.s('to')}.`,
    ar: (t) => `لا توجد مقابلة رسمية أو استرشادية مسجَّلة بين ${t.s('from')} و${t.s('to')}.`,
  },
  'mapping.unconfirmed': {
    en: (t) => `A fact our data records about ${t.s('framework')} is not yet confirmed by a source.`,
    fr: (t) => `Une information de nos données sur ${t.s('framework')} n'est pas encore confirmée par une source.`,
    de: (t) => `Eine Angabe in unseren Daten zu ${t.s('framework')} ist noch nicht durch eine Quelle bestätigt.`,
    es: (t) => `Un dato que registramos sobre ${t.s('framework')} aún no está confirmado por una fuente.`,
    ar: (t) => `معلومة في بياناتنا عن ${t.s('framework')} لم يؤكدها مصدر بعد.`,
  },
  'report.not-evaluated': {
    en: (t) => `The credential was not verified (verdict: ${t.verdict('verdict')}), so its claims are not evaluated.`,
    fr: (t) => `L'attestation n'a pas été vérifiée (résultat : ${t.verdict('verdict')}) ; ses affirmations ne sont donc pas évaluées.`,
    de: (t) => `Der Nachweis wurde nicht bestätigt (Ergebnis: ${t.verdict('verdict')}); seine Angaben werden daher nicht ausgewertet.`,
    es: (t) => `La credencial no se ha verificado (resultado: ${t.verdict('verdict')}), por lo que sus datos no se evalúan.`,
    ar: (t) => `لم يُتحقَّق من الشهادة (النتيجة: ${t.verdict('verdict')})، لذا لا تُقيَّم بياناتها.`,
  },
  'report.dqr-recognition': {
    en: (t) => t.m.dqrCaveat,
    fr: (t) => t.m.dqrCaveat,
    de: (t) => t.m.dqrCaveat,
    es: (t) => t.m.dqrCaveat,
    ar: (t) => t.m.dqrCaveat,
  },
  'check.passed': {
    en: (t) => `${t.check('check')}: passed.`,
    fr: (t) => `${t.check('check')} : vérifié.`,
    de: (t) => `${t.check('check')}: bestanden.`,
    es: (t) => `${t.check('check')}: correcto.`,
    ar: (t) => `${t.check('check')}: تم التحقق.`,
  },
  'check.not-run': {
    en: () => 'Not run, because an earlier check stopped the verification.',
    fr: () => "Non effectuée, car une vérification précédente a arrêté l'examen.",
    de: () => 'Nicht ausgeführt, weil eine vorherige Prüfung die Prüfung beendet hat.',
    es: () => 'No se ejecutó porque una comprobación anterior detuvo la verificación.',
    ar: () => 'لم يُنفَّذ لأن فحصًا سابقًا أوقف التحقق.',
  },
  'check.not-applicable': {
    en: () => 'Not applicable to this credential.',
    fr: () => 'Sans objet pour cette attestation.',
    de: () => 'Für diesen Nachweis nicht zutreffend.',
    es: () => 'No aplicable a esta credencial.',
    ar: () => 'لا ينطبق على هذه الشهادة.',
  },
  'check.no-schema': {
    en: () => 'The credential names no Passerelle profile schema, so there is nothing to compare it with.',
    fr: () => "L'attestation ne désigne aucun schéma de profil Passerelle : il n'y a rien à comparer.",
    de: () => 'Der Nachweis nennt kein Passerelle-Profilschema; es gibt nichts zu vergleichen.',
    es: () => 'La credencial no indica ningún esquema de perfil de Passerelle: no hay nada que comparar.',
    ar: () => 'لا تذكر الشهادة أي مخطط نموذج من Passerelle، فلا شيء للمقارنة.',
  },
  'check.no-validity-period': {
    en: () => 'The credential states no validity period.',
    fr: () => "L'attestation n'indique pas de période de validité.",
    de: () => 'Der Nachweis nennt keinen Gültigkeitszeitraum.',
    es: () => 'La credencial no indica un período de validez.',
    ar: () => 'لا تذكر الشهادة مدة صلاحية.',
  },
  'check.no-status': {
    en: () => 'The credential has no revocation status to check.',
    fr: () => "L'attestation n'a pas de statut de révocation à vérifier.",
    de: () => 'Der Nachweis hat keinen Widerrufsstatus, der geprüft werden könnte.',
    es: () => 'La credencial no tiene estado de revocación que comprobar.',
    ar: () => 'ليس للشهادة حالة إلغاء يمكن التحقق منها.',
  },
  'check.presentation-unsigned': {
    en: () => 'The presentation is not signed: it proves nothing about who presents the credentials.',
    fr: () => 'La présentation n’est pas signée : elle ne prouve rien sur la personne qui présente les attestations.',
    de: () => 'Die Präsentation ist nicht signiert: Sie belegt nicht, wer die Nachweise vorlegt.',
    es: () => 'La presentación no está firmada: no prueba nada sobre quién presenta las credenciales.',
    ar: () => 'العرض غير موقَّع: فهو لا يثبت شيئًا عن هوية من يقدّم الشهادات.',
  },
  'check.no-holder-named': {
    en: () => 'The presentation names no holder.',
    fr: () => 'La présentation ne désigne pas de titulaire.',
    de: () => 'Die Präsentation nennt keine vorlegende Person.',
    es: () => 'La presentación no indica ningún titular.',
    ar: () => 'لا يذكر العرض أي حامل.',
  },
  'check.could-not-check': {
    en: () => 'This check could not be completed; that does not mean the credential is false.',
    fr: () => 'Cette vérification n’a pas pu être menée à bien ; cela ne veut pas dire que l’attestation est fausse.',
    de: () => 'Diese Prüfung konnte nicht abgeschlossen werden; das heißt nicht, dass der Nachweis falsch ist.',
    es: () => 'No se pudo completar esta comprobación; eso no significa que la credencial sea falsa.',
    ar: () => 'تعذّر إتمام هذا الفحص؛ وهذا لا يعني أن الشهادة مزوَّرة.',
  },
  'check.failed': {
    en: (t) => `${t.check('check')}: failed.`,
    fr: (t) => `${t.check('check')} : échec.`,
    de: (t) => `${t.check('check')}: nicht bestanden.`,
    es: (t) => `${t.check('check')}: no superada.`,
    ar: (t) => `${t.check('check')}: أخفق.`,
  },
  'trust.not-recognized': {
    en: () => 'No authority this service trusts vouches for the issuer; the name it gives itself is its own claim.',
    fr: () => "Aucune autorité à laquelle ce service fait confiance ne se porte garante de l'émetteur ; le nom qu'il se donne n'engage que lui.",
    de: () => 'Keine Stelle, der dieser Dienst vertraut, bürgt für den Aussteller; der Name, den er sich gibt, ist seine eigene Angabe.',
    es: () => 'Ninguna autoridad en la que confía este servicio avala al emisor; el nombre que se atribuye es una declaración propia.',
    ar: () => 'لا تضمن أي سلطة يثق بها هذا النظام الجهةَ المُصدِرة؛ والاسم الذي تطلقه على نفسها ادعاءٌ منها.',
  },
  'trust.recognized': {
    en: () => 'An authority this service trusts recognizes the issuer for this credential.',
    fr: () => "Une autorité à laquelle ce service fait confiance reconnaît l'émetteur pour cette attestation.",
    de: () => 'Eine Stelle, der dieser Dienst vertraut, erkennt den Aussteller für diesen Nachweis an.',
    es: () => 'Una autoridad en la que confía este servicio reconoce al emisor para esta credencial.',
    ar: () => 'تعترف سلطة يثق بها هذا النظام بالجهة المُصدِرة لهذه الشهادة.',
  },
  'problem.malformed-credential': {
    en: () => 'The credential is malformed.',
    fr: () => 'L’attestation est mal formée.',
    de: () => 'Der Nachweis ist fehlerhaft aufgebaut.',
    es: () => 'La credencial está mal formada.',
    ar: () => 'بنية الشهادة غير سليمة.',
  },
  'problem.invalid-credential': {
    en: () => 'The credential does not follow the data model.',
    fr: () => "L'attestation n'est pas conforme au modèle de données.",
    de: () => 'Der Nachweis entspricht nicht dem Datenmodell.',
    es: () => 'La credencial no se ajusta al modelo de datos.',
    ar: () => 'الشهادة لا تطابق نموذج البيانات.',
  },
  'problem.undefined-term': {
    en: () => 'The credential contains a property its contexts do not define, which a signature would not cover.',
    fr: () => "L'attestation contient une propriété que ses contextes ne définissent pas, et qu'une signature ne couvrirait pas.",
    de: () => 'Der Nachweis enthält eine Eigenschaft, die seine Kontexte nicht definieren und die eine Signatur nicht abdecken würde.',
    es: () => 'La credencial contiene una propiedad que sus contextos no definen y que una firma no cubriría.',
    ar: () => 'تحتوي الشهادة على خاصية لا تعرّفها سياقاتها، ولا يشملها التوقيع.',
  },
  'problem.unknown-context': {
    en: () => 'The credential uses a JSON-LD context this service does not know.',
    fr: () => 'L’attestation utilise un contexte JSON-LD que ce service ne connaît pas.',
    de: () => 'Der Nachweis verwendet einen JSON-LD-Kontext, den dieser Dienst nicht kennt.',
    es: () => 'La credencial usa un contexto JSON-LD que este servicio no conoce.',
    ar: () => 'تستخدم الشهادة سياق JSON-LD لا يعرفه هذا النظام.',
  },
  'problem.limit-exceeded': {
    en: () => 'The credential exceeds a processing limit (size or depth).',
    fr: () => 'L’attestation dépasse une limite de traitement (taille ou profondeur).',
    de: () => 'Der Nachweis überschreitet eine Verarbeitungsgrenze (Größe oder Tiefe).',
    es: () => 'La credencial supera un límite de procesamiento (tamaño o profundidad).',
    ar: () => 'تتجاوز الشهادة حدًّا للمعالجة (الحجم أو العمق).',
  },
  'problem.invalid-signature': {
    en: () => 'The signature does not match: the credential was altered or not signed by this issuer.',
    fr: () => "La signature ne correspond pas : l'attestation a été modifiée ou n'a pas été signée par cet émetteur.",
    de: () => 'Die Signatur stimmt nicht: Der Nachweis wurde verändert oder nicht von diesem Aussteller signiert.',
    es: () => 'La firma no coincide: la credencial se ha modificado o no la firmó este emisor.',
    ar: () => 'التوقيع غير مطابق: عُدِّلت الشهادة أو لم توقّعها هذه الجهة.',
  },
  'problem.unsupported-proof': {
    en: () => 'The proof is missing or of a kind this service does not check.',
    fr: () => "La preuve est absente ou d'un type que ce service ne vérifie pas.",
    de: () => 'Der Signaturnachweis fehlt oder ist von einer Art, die dieser Dienst nicht prüft.',
    es: () => 'La prueba criptográfica falta o es de un tipo que este servicio no comprueba.',
    ar: () => 'الإثبات مفقود أو من نوع لا يتحقق منه هذا النظام.',
  },
  'problem.schema-mismatch': {
    en: () => 'The credential does not match the schema of its profile.',
    fr: () => 'L’attestation ne correspond pas au schéma de son profil.',
    de: () => 'Der Nachweis entspricht nicht dem Schema seines Profils.',
    es: () => 'La credencial no se ajusta al esquema de su perfil.',
    ar: () => 'لا تطابق الشهادة مخطط نموذجها.',
  },
  'problem.issuer-key-mismatch': {
    en: () => 'The signing key does not belong to the issuer.',
    fr: () => "La clé de signature n'appartient pas à l'émetteur.",
    de: () => 'Der Signaturschlüssel gehört nicht dem Aussteller.',
    es: () => 'La clave de firma no pertenece al emisor.',
    ar: () => 'مفتاح التوقيع لا يعود إلى الجهة المُصدِرة.',
  },
  'problem.issuer-unresolved': {
    en: () => "The issuer's key could not be obtained, so the signature could not be checked.",
    fr: () => "La clé de l'émetteur n'a pas pu être obtenue ; la signature n'a donc pas pu être vérifiée.",
    de: () => 'Der Schlüssel des Ausstellers konnte nicht abgerufen werden; die Signatur konnte daher nicht geprüft werden.',
    es: () => 'No se pudo obtener la clave del emisor, así que no se pudo comprobar la firma.',
    ar: () => 'تعذّر الحصول على مفتاح الجهة المُصدِرة، لذا تعذّر التحقق من التوقيع.',
  },
  'problem.credential-expired': {
    en: () => 'The credential has expired.',
    fr: () => 'L’attestation a expiré.',
    de: () => 'Der Nachweis ist abgelaufen.',
    es: () => 'La credencial ha caducado.',
    ar: () => 'انتهت صلاحية الشهادة.',
  },
  'problem.credential-not-yet-valid': {
    en: () => 'The credential is not valid yet.',
    fr: () => "L'attestation n'est pas encore valable.",
    de: () => 'Der Nachweis ist noch nicht gültig.',
    es: () => 'La credencial todavía no es válida.',
    ar: () => 'الشهادة ليست سارية بعد.',
  },
  'problem.credential-revoked': {
    en: () => 'The issuer has revoked the credential.',
    fr: () => "L'émetteur a révoqué cette attestation.",
    de: () => 'Der Aussteller hat den Nachweis widerrufen.',
    es: () => 'El emisor ha revocado la credencial.',
    ar: () => 'ألغت الجهة المُصدِرة هذه الشهادة.',
  },
  'problem.credential-suspended': {
    en: () => 'The issuer has temporarily suspended the credential.',
    fr: () => "L'émetteur a temporairement suspendu cette attestation.",
    de: () => 'Der Aussteller hat den Nachweis vorübergehend ausgesetzt.',
    es: () => 'El emisor ha suspendido temporalmente la credencial.',
    ar: () => 'علّقت الجهة المُصدِرة هذه الشهادة مؤقتًا.',
  },
  'problem.issuer-out-of-scope': {
    en: () => 'The issuer is recognized, but not for this credential (or no longer).',
    fr: () => "L'émetteur est reconnu, mais pas pour cette attestation (ou plus maintenant).",
    de: () => 'Der Aussteller ist anerkannt, aber nicht für diesen Nachweis (oder nicht mehr).',
    es: () => 'El emisor está reconocido, pero no para esta credencial (o ya no lo está).',
    ar: () => 'الجهة المُصدِرة معترف بها، لكن ليس لهذه الشهادة (أو لم تعد كذلك).',
  },
  'problem.trust-unchecked': {
    en: () => "The issuer's recognition could not be checked: a trust list could not be obtained.",
    fr: () => "La reconnaissance de l'émetteur n'a pas pu être vérifiée : une liste de confiance n'a pas pu être obtenue.",
    de: () => 'Die Anerkennung des Ausstellers konnte nicht geprüft werden: Eine Vertrauensliste war nicht abrufbar.',
    es: () => 'No se pudo comprobar el reconocimiento del emisor: no se pudo obtener una lista de confianza.',
    ar: () => 'تعذّر التحقق من الاعتراف بالجهة المُصدِرة: تعذّر الحصول على قائمة ثقة.',
  },
  'problem.status-unchecked': {
    en: () => 'The revocation status could not be checked: the status list could not be obtained or read.',
    fr: () => "Le statut de révocation n'a pas pu être vérifié : la liste de statut n'a pas pu être obtenue ou lue.",
    de: () => 'Der Widerrufsstatus konnte nicht geprüft werden: Die Statusliste war nicht abrufbar oder nicht lesbar.',
    es: () => 'No se pudo comprobar el estado de revocación: no se pudo obtener o leer la lista de estado.',
    ar: () => 'تعذّر التحقق من حالة الإلغاء: تعذّر الحصول على قائمة الحالة أو قراءتها.',
  },
  'problem.processing-timeout': {
    en: () => 'The check took too long and was stopped; try again later.',
    fr: () => 'La vérification a pris trop de temps et a été interrompue ; réessayez plus tard.',
    de: () => 'Die Prüfung dauerte zu lange und wurde abgebrochen; versuchen Sie es später erneut.',
    es: () => 'La comprobación tardó demasiado y se detuvo; inténtelo más tarde.',
    ar: () => 'استغرق الفحص وقتًا طويلًا فأُوقف؛ حاول مرة أخرى لاحقًا.',
  },
  'binding.unreadable': {
    en: () => 'The credential could not be read, so the person it is about is unknown.',
    fr: () => "L'attestation n'a pas pu être lue ; la personne qu'elle concerne est donc inconnue.",
    de: () => 'Der Nachweis konnte nicht gelesen werden; die Person, die er betrifft, ist daher unbekannt.',
    es: () => 'No se pudo leer la credencial, así que se desconoce a quién se refiere.',
    ar: () => 'تعذّرت قراءة الشهادة، فصاحبها غير معروف.',
  },
  'binding.not-proven': {
    en: () => 'The presentation does not prove who its holder is, so the credential is not bound to the person presenting it.',
    fr: () => "La présentation ne prouve pas qui la présente ; l'attestation n'est donc pas liée à la personne qui la présente.",
    de: () => 'Die Präsentation belegt nicht, wer sie vorlegt; der Nachweis ist daher nicht an die vorlegende Person gebunden.',
    es: () => 'La presentación no prueba quién la presenta, así que la credencial no está vinculada a esa persona.',
    ar: () => 'لا يثبت العرض هوية مقدِّمه، لذا فالشهادة غير مرتبطة بالشخص الذي يقدّمها.',
  },
  'binding.bound': {
    en: (t) => `The credential is about ${t.s('holder')}, who signed the presentation.`,
    fr: (t) => `L'attestation concerne ${t.s('holder')}, qui a signé la présentation.`,
    de: (t) => `Der Nachweis betrifft ${t.s('holder')}; diese Person hat die Präsentation signiert.`,
    es: (t) => `La credencial se refiere a ${t.s('holder')}, que firmó la presentación.`,
    ar: (t) => `تخص الشهادة ${t.s('holder')}، وهو من وقّع العرض.`,
  },
  'binding.not-subject': {
    en: (t) => `${t.s('holder')}, who presents it, is not the person this credential is about; check the holder's identity another way.`,
    fr: (t) => `${t.s('holder')}, qui la présente, n'est pas la personne que concerne cette attestation ; vérifiez son identité autrement.`,
    de: (t) => `${t.s('holder')} legt den Nachweis vor, ist aber nicht die Person, die er betrifft; prüfen Sie die Identität auf anderem Weg.`,
    es: (t) => `${t.s('holder')}, quien la presenta, no es la persona a la que se refiere esta credencial; compruebe su identidad por otro medio.`,
    ar: (t) => `مقدِّم العرض ${t.s('holder')} ليس صاحب هذه الشهادة؛ تحقّق من هويته بطريقة أخرى.`,
  },
  'dossier.presentation-check-failed': {
    en: (t) => `The presentation failed the check "${t.check('check')}".${problemOf(t)}`,
    fr: (t) => `La présentation a échoué à la vérification « ${t.check('check')} ».${problemOf(t)}`,
    de: (t) => `Die Präsentation hat die Prüfung „${t.check('check')}“ nicht bestanden.${problemOf(t)}`,
    es: (t) => `La presentación no superó la comprobación «${t.check('check')}».${problemOf(t)}`,
    ar: (t) => `أخفق العرض في فحص «${t.check('check')}».${problemOf(t)}`,
  },
  'dossier.presentation-check-could-not-check': {
    en: (t) => `The presentation's check "${t.check('check')}" could not be completed.${problemOf(t)}`,
    fr: (t) => `La vérification « ${t.check('check')} » de la présentation n'a pas pu être menée à bien.${problemOf(t)}`,
    de: (t) => `Die Prüfung „${t.check('check')}“ der Präsentation konnte nicht abgeschlossen werden.${problemOf(t)}`,
    es: (t) => `La comprobación «${t.check('check')}» de la presentación no se pudo completar.${problemOf(t)}`,
    ar: (t) => `تعذّر إتمام فحص «${t.check('check')}» للعرض.${problemOf(t)}`,
  },
  'dossier.unrecognized-issuer': {
    en: (t) => `${t.who()}: authentic, but no authority this service trusts recognizes its issuer.`,
    fr: (t) => `${t.who()} : authentique, mais aucune autorité à laquelle ce service fait confiance ne reconnaît son émetteur.`,
    de: (t) => `${t.who()}: echt, aber keine Stelle, der dieser Dienst vertraut, erkennt den Aussteller an.`,
    es: (t) => `${t.who()}: auténtica, pero ninguna autoridad en la que confía este servicio reconoce a su emisor.`,
    ar: (t) => `${t.who()}: أصيلة، لكن لا تعترف أي سلطة يثق بها هذا النظام بالجهة المُصدِرة لها.`,
  },
  'dossier.out-of-scope': {
    en: (t) => `${t.who()}: authentic, but its issuer is not recognized for this credential.`,
    fr: (t) => `${t.who()} : authentique, mais son émetteur n'est pas reconnu pour cette attestation.`,
    de: (t) => `${t.who()}: echt, aber der Aussteller ist für diesen Nachweis nicht anerkannt.`,
    es: (t) => `${t.who()}: auténtica, pero su emisor no está reconocido para esta credencial.`,
    ar: (t) => `${t.who()}: أصيلة، لكن الجهة المُصدِرة غير معترف بها لهذه الشهادة.`,
  },
  'dossier.could-not-check': {
    en: (t) => `${t.who()}: could not be fully checked (${t.checks('checks')}).`,
    fr: (t) => `${t.who()} : n'a pas pu être entièrement vérifiée (${t.checks('checks')}).`,
    de: (t) => `${t.who()}: konnte nicht vollständig geprüft werden (${t.checks('checks')}).`,
    es: (t) => `${t.who()}: no se pudo comprobar por completo (${t.checks('checks')}).`,
    ar: (t) => `${t.who()}: تعذّر التحقق منها بالكامل (${t.checks('checks')}).`,
  },
  'dossier.not-accepted': {
    en: (t) => `${t.who()}: ${t.verdict('verdict')}${opt(t.checks('checks') !== '', () => ` — failed: ${t.checks('checks')}`)}.`,
    fr: (t) => `${t.who()} : ${t.verdict('verdict')}${opt(t.checks('checks') !== '', () => ` — échec : ${t.checks('checks')}`)}.`,
    de: (t) => `${t.who()}: ${t.verdict('verdict')}${opt(t.checks('checks') !== '', () => ` — nicht bestanden: ${t.checks('checks')}`)}.`,
    es: (t) => `${t.who()}: ${t.verdict('verdict')}${opt(t.checks('checks') !== '', () => ` — no superado: ${t.checks('checks')}`)}.`,
    ar: (t) => `${t.who()}: ${t.verdict('verdict')}${opt(t.checks('checks') !== '', () => ` — أخفق في: ${t.checks('checks')}`)}.`,
  },
  'dossier.binding': {
    en: (t) => `${t.who()}: ${t.reason('reason')}`,
    fr: (t) => `${t.who()} : ${t.reason('reason')}`,
    de: (t) => `${t.who()}: ${t.reason('reason')}`,
    es: (t) => `${t.who()}: ${t.reason('reason')}`,
    ar: (t) => `${t.who()}: ${t.reason('reason')}`,
  },
  'dossier.passport-mismatch': {
    en: (t) => `${t.who()}: the passport number entered does not match the passport hash the credential carries.`,
    fr: (t) => `${t.who()} : le numéro de passeport saisi ne correspond pas à l'empreinte de passeport que porte l'attestation.`,
    de: (t) => `${t.who()}: Die eingegebene Passnummer passt nicht zum Pass-Hash im Nachweis.`,
    es: (t) => `${t.who()}: el número de pasaporte introducido no coincide con el hash de pasaporte que lleva la credencial.`,
    ar: (t) => `${t.who()}: رقم جواز السفر المُدخَل لا يطابق بصمة جواز السفر التي تحملها الشهادة.`,
  },
  'dossier.no-passport-hash': {
    en: (t) => `${t.who()}: the credential carries no passport hash, so the passport number could not be compared.`,
    fr: (t) => `${t.who()} : l'attestation ne porte pas d'empreinte de passeport ; le numéro n'a donc pas pu être comparé.`,
    de: (t) => `${t.who()}: Der Nachweis enthält keinen Pass-Hash; die Passnummer konnte daher nicht verglichen werden.`,
    es: (t) => `${t.who()}: la credencial no lleva hash de pasaporte, así que no se pudo comparar el número.`,
    ar: (t) => `${t.who()}: لا تحمل الشهادة بصمة جواز سفر، لذا تعذّرت مقارنة الرقم.`,
  },
  'dossier.link-mismatch': {
    en: (t) => `${linkPrefix(t)}${linkedName(t)} has this id but not this digest: it is not the credential that was assessed (altered, or another version).`,
    fr: (t) =>
      `${linkPrefix(t)}${linkedName(t)} a cet identifiant mais pas cette empreinte : ce n'est pas l'attestation évaluée (modifiée, ou une autre version).`,
    de: (t) =>
      `${linkPrefix(t)}${linkedName(t)} hat diese Kennung, aber nicht diesen Hash: Es ist nicht der geprüfte Nachweis (verändert oder eine andere Fassung).`,
    es: (t) => `${linkPrefix(t)}${linkedName(t)} tiene este identificador pero no esta huella: no es la credencial evaluada (modificada, u otra versión).`,
    ar: (t) => `${linkPrefix(t)}${linkedName(t)} تحمل هذا المعرّف لكن ليس هذه البصمة: فهي ليست الشهادة التي قُيِّمت (معدَّلة أو نسخة أخرى).`,
  },
  'dossier.link-matches': {
    en: (t) => `${linkedName(t)} is exactly the credential that was assessed (digest matches).`,
    fr: (t) => `${linkedName(t)} est exactement l'attestation évaluée (l'empreinte correspond).`,
    de: (t) => `${linkedName(t)} ist genau der geprüfte Nachweis (der Hash stimmt überein).`,
    es: (t) => `${linkedName(t)} es exactamente la credencial evaluada (la huella coincide).`,
    ar: (t) => `${linkedName(t)} هي بالضبط الشهادة التي قُيِّمت (البصمة مطابقة).`,
  },
  'dossier.link-not-provided': {
    en: (t) => `${linkPrefix(t)}${sentenceStart(t, 'not provided: the dossier does not contain this credential.')}`,
    fr: (t) => `${linkPrefix(t)}${sentenceStart(t, 'non fournie : le dossier ne contient pas cette attestation.')}`,
    de: (t) => `${linkPrefix(t)}${sentenceStart(t, 'nicht vorgelegt: Die Akte enthält diesen Nachweis nicht.')}`,
    es: (t) => `${linkPrefix(t)}${sentenceStart(t, 'no aportado: el expediente no contiene esta credencial.')}`,
    ar: (t) => `${linkPrefix(t)}غير مقدَّم: لا يحتوي الملف على هذه الشهادة.`,
  },
  'dossier.link-no-digest': {
    en: (t) => `${linkPrefix(t)}The link gives no digest, so the credential provided cannot be compared with the one assessed.`,
    fr: (t) => `${linkPrefix(t)}Le lien ne donne pas d'empreinte : l'attestation fournie ne peut pas être comparée à celle qui a été évaluée.`,
    de: (t) => `${linkPrefix(t)}Der Verweis enthält keinen Hash; der vorgelegte Nachweis kann nicht mit dem geprüften verglichen werden.`,
    es: (t) => `${linkPrefix(t)}El enlace no da ninguna huella, así que la credencial aportada no se puede comparar con la evaluada.`,
    ar: (t) => `${linkPrefix(t)}لا يتضمن الرابط بصمة، لذا لا يمكن مقارنة الشهادة المقدَّمة بالتي قُيِّمت.`,
  },
  'dossier.link-unsupported-digest': {
    en: (t) => `${linkPrefix(t)}The digest is in a form this service does not read (only SHA-256 multihashes).`,
    fr: (t) => `${linkPrefix(t)}L'empreinte est dans une forme que ce service ne lit pas (seulement les multihash SHA-256).`,
    de: (t) => `${linkPrefix(t)}Der Hash liegt in einer Form vor, die dieser Dienst nicht liest (nur SHA-256-Multihashes).`,
    es: (t) => `${linkPrefix(t)}La huella está en un formato que este servicio no lee (solo multihash SHA-256).`,
    ar: (t) => `${linkPrefix(t)}البصمة بصيغة لا يقرؤها هذا النظام (بصمات SHA-256 متعددة الصيغ فقط).`,
  },
  'dossier.holders-differ': {
    en: (t) => `The credentials are about ${t.n('count')} different people: ${t.s('holders')}.`,
    fr: (t) => `Les attestations concernent ${t.n('count')} personnes différentes : ${t.s('holders')}.`,
    de: (t) => `Die Nachweise betreffen ${t.n('count')} verschiedene Personen: ${t.s('holders')}.`,
    es: (t) => `Las credenciales se refieren a ${t.n('count')} personas distintas: ${t.s('holders')}.`,
    ar: (t) => `تخص الشهادات أشخاصًا مختلفين (عددهم ${t.n('count')}): ${t.s('holders')}.`,
  },
  'dossier.subject-ids-differ': {
    en: (t) => `They name ${t.n('count')} different subject ids.`,
    fr: (t) => `Elles désignent ${t.n('count')} identifiants de titulaire différents.`,
    de: (t) => `Sie nennen ${t.n('count')} verschiedene Personenkennungen.`,
    es: (t) => `Indican ${t.n('count')} identificadores de titular distintos.`,
    ar: (t) => `تذكر معرّفات مختلفة لأصحابها (عددها ${t.n('count')}).`,
  },
  'dossier.passport-partial': {
    en: (t) => `The passport number matches some credentials but not credential(s) ${t.and('credentials')}.`,
    fr: (t) => `Le numéro de passeport correspond à certaines attestations, mais pas aux attestations n° ${t.and('credentials')}.`,
    de: (t) => `Die Passnummer passt zu einigen Nachweisen, aber nicht zu Nachweis ${t.and('credentials')}.`,
    es: (t) => `El número de pasaporte coincide con algunas credenciales, pero no con la(s) credencial(es) ${t.and('credentials')}.`,
    ar: (t) => `يطابق رقم جواز السفر بعض الشهادات، لكنه لا يطابق الشهادات ذوات الأرقام ${t.and('credentials')}.`,
  },
  'dossier.preset-cannot-tell': {
    en: (t) => `${t.s('preset')}: ${t.reason('reason')}`,
    fr: (t) => `${t.s('preset')} : ${t.reason('reason')}`,
    de: (t) => `${t.s('preset')}: ${t.reason('reason')}`,
    es: (t) => `${t.s('preset')}: ${t.reason('reason')}`,
    ar: (t) => `${t.s('preset')}: ${t.reason('reason')}`,
  },
};

function methods(t: Say, language: PageLanguage): string {
  const table = METHODS[language];
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(
    (t.has('methods') ? t.items('methods') : ['unstated']).map((method) => table[method] ?? (table.unstated as string)),
  );
}

function problemOf(t: Say): string {
  const code = `problem.${t.has('problem') ? t.s('problem') : ''}`;
  return code in REASON_SENTENCES ? ` ${t.reason('problem')}` : '';
}

/** "Credential 3" for the credential a link points to (`linked`, 1-based). */
function linkedName(t: Say): string {
  return t.m.dossier.credential.replace('{n}', String(t.n('linked')));
}

function sentenceStart(t: Say, text: string): string {
  return t.has('credential') ? text : capitalised(text);
}

/** The sentence for a reason in the reader's language; unknown codes (none, by type) fall back to the English detail. */
export function sayReason(reason: Reason, language: PageLanguage): string {
  const say = sayer(reason.params ?? {}, language);
  const text = REASON_SENTENCES[reason.code][language](say);
  const then = reason.params?.then;
  return Array.isArray(then) && then.length > 0 ? `${text} ${(then as Reason[]).map((next) => sayReason(next, language)).join(' ')}` : text;
}

const isReason = (value: unknown): value is Reason => typeof value === 'object' && value !== null && typeof (value as Reason).code === 'string';

function sayer(params: Record<string, ReasonParam>, language: PageLanguage): Say {
  const m = messagesFor(language);
  const isolated = (text: string) => isolatedIn(language, text);
  const value = (name: string) => params[name];
  const strings = (name: string): string[] => {
    const found = value(name);
    return Array.isArray(found) ? found.map(String) : found === undefined ? [] : [String(found)];
  };
  const list = (name: string, type: 'conjunction' | 'disjunction', map: (item: string) => string = (item) => item) =>
    new Intl.ListFormat(language, { type }).format(strings(name).map(map));
  const decisionWord = (type: string) => m.dossier.decisionTypes[type as keyof typeof m.dossier.decisionTypes] ?? type;
  const say: Say = {
    m,
    has: (name) => value(name) !== undefined,
    s: (name) => strings(name).join('; '),
    items: strings,
    n: (name) => Number(value(name) ?? 0),
    and: (name) => list(name, 'conjunction'),
    or: (name) => list(name, 'disjunction'),
    language: (name) => {
      const code = String(value(name) ?? '');
      try {
        return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
      } catch {
        return code;
      }
    },
    check: (name) => m.checkNames[String(value(name))] ?? String(value(name)),
    checks: (name) => list(name, 'conjunction', (check) => m.checkNames[check] ?? check),
    verdict: (name) => m.verdicts[String(value(name)) as keyof Messages['verdicts']]?.title ?? String(value(name)),
    skill: (name) => m.skillNames[String(value(name)) as keyof Messages['skillNames']] ?? String(value(name)),
    decision: (name) => decisionWord(String(value(name))),
    decisions: (name) => list(name, 'disjunction', (type) => QUOTES[language](decisionWord(type))),
    measure: (name) => m.dossier.measureTypes[String(value(name)) as keyof typeof m.dossier.measureTypes] ?? String(value(name)),
    status: (name) => list(name, 'conjunction', (status) => RESULT_STATUSES[language][status] ?? status),
    reason: (name) => {
      const found = value(name);
      if (isReason(found)) return sayReason(found, language);
      if (typeof found === 'string' && `problem.${found}` in REASON_SENTENCES) return sayReason({ code: `problem.${found}` as ReasonCode }, language);
      return '';
    },
    reasons: (name) => {
      const found = value(name);
      return (Array.isArray(found) ? found.filter(isReason) : []).map((entry) => sayReason(entry, language)).join(REASON_JOINERS[language]);
    },
    who: () =>
      `${m.dossier.credential.replace('{n}', String(Number(value('credential') ?? 0)))}${value('title') === undefined ? '' : ` (${String(value('title'))})`}`,
    // In a right-to-left sentence each level is isolated (FSI … PDI), so the arrows take the sentence's direction.
    chain: (name) => strings(name).map(isolated).join(` ${m.levelArrow} `),
    inTarget: () => `${String(value('target') ?? '')} ${new Intl.ListFormat(language, { type: 'disjunction' }).format(strings('levels'))}`,
  };
  return say;
}
