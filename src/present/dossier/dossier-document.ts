import type { DossierReport } from '../../dossier/verify-dossier.js';
import { frameworkRegistry } from '../../frameworks/registry.js';
import { isolatedIn, messagesFor, type Messages, type PageLanguage } from '../i18n/messages.js';
import { sayReason } from '../i18n/reasons.js';

/** A line of the report for people; tone marks what failed (bad), could not be checked (warn) or holds (good). */
export interface DossierLine {
  text: string;
  tone?: 'good' | 'bad' | 'warn';
  /** Stable hook for tests and assistive styling (e.g. `link-does-not-match`). */
  mark?: string;
}

export interface DossierSection {
  id: string;
  heading: string;
  lines: DossierLine[];
}

/** The report as headed lists of lines, in the reader's language: the page and the PDF both draw this. */
export interface DossierDocument {
  language: PageLanguage;
  title: string;
  intro: string;
  verdict: DossierLine;
  sections: DossierSection[];
  note: string;
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''));

function abbreviation(id: string): string {
  return (
    frameworkRegistry()
      .list()
      .find((framework) => framework.id === id)?.abbreviation ?? id
  );
}

export function dossierDocument(report: DossierReport): DossierDocument {
  const language = report.lang;
  const m: Messages = messagesFor(language);
  const d = m.dossier;
  const arrow = m.levelArrow;
  const name = (index: number) => fill(d.credential, { n: index + 1 });
  const titled = (index: number, title?: string) => `${name(index)}${title === undefined ? '' : ` — ${title}`}`;
  const recognitionNote = (recognized: boolean) => (recognized ? '' : ` (${d.issuerNotRecognized})`);
  const sections: DossierSection[] = [];

  sections.push({
    id: 'problems',
    heading: d.problems,
    lines:
      report.problemReasons.length === 0 ? [{ text: d.nothing }] : report.problemReasons.map((reason) => ({ text: sayReason(reason, language), tone: 'bad' })),
  });
  sections.push({
    id: 'could-not-check',
    heading: d.couldNotCheck,
    lines:
      report.couldNotCheckReasons.length === 0
        ? [{ text: d.nothing }]
        : report.couldNotCheckReasons.map((reason) => ({ text: sayReason(reason, language), tone: 'warn' })),
  });

  const credentialLines: DossierLine[] = [];
  if (report.presentation !== undefined) {
    credentialLines.push({
      text: `${d.presentation}: ${m.verdicts[report.presentation.verdict].title}${report.presentation.holder === undefined ? '' : ` — ${report.presentation.holder}`}`,
      tone: report.presentation.verified ? 'good' : 'bad',
    });
  }
  for (const credential of report.credentials) {
    const tone = credential.verdict === 'valid' ? 'good' : credential.verdict === 'could-not-check' || credential.verified ? 'warn' : 'bad';
    credentialLines.push({
      text: `${titled(credential.index, credential.title)}: ${m.verdicts[credential.verdict].title}`,
      tone,
      mark: `verdict-${credential.verdict}`,
    });
    if (credential.passport !== undefined) {
      credentialLines.push({
        text: `${name(credential.index)}: ${d.passport[credential.passport]}`,
        tone: credential.passport === 'matches' ? 'good' : credential.passport === 'does-not-match' ? 'bad' : 'warn',
        mark: `passport-${credential.passport}`,
      });
    }
  }
  sections.push({ id: 'credentials', heading: d.credentials, lines: credentialLines });

  const holderLines: DossierLine[] = report.holders.groups.map((group) => ({
    text: `${group.name ?? '—'}${group.birthDate === undefined ? '' : ` (${group.birthDate})`}${group.subjectId === undefined ? '' : ` · ${group.subjectId}`}: ${group.credentials.map(name).join(', ')}`,
  }));
  holderLines.unshift(report.holders.consistent ? { text: d.oneHolder, tone: 'good' } : { text: d.holdersDiffer, tone: 'bad', mark: 'holders-differ' });
  if (!report.holders.passportChecked) holderLines.push({ text: d.passportNotEntered });
  sections.push({ id: 'holders', heading: d.holders, lines: holderLines });

  const s = report.summary;
  sections.push({
    id: 'qualifications',
    heading: d.qualifications,
    lines: s.qualifications.flatMap((entry) =>
      entry.levels.map((level) => {
        const role = level.source === 'reference-qualification' || level.source === 'target-qualification' ? ` (${m.levelRoles[level.source]})` : '';
        const mapped = level.in
          .filter((mapping) => mapping.toFramework !== level.framework)
          .map(
            (mapping) =>
              `${isolatedIn(language, `${abbreviation(mapping.toFramework)} ${mapping.to.map((target) => target.code).join(' / ') || '—'}`)} (${m.basis[mapping.basis]})`,
          )
          .join('; ');
        return {
          // Each level isolated, so that in Arabic the arrow (←) points from the claimed level to its equivalent.
          text: `${titled(entry.credential, entry.title)}: ${isolatedIn(language, `${abbreviation(level.framework)} ${level.level}`)}${role}${mapped === '' ? '' : ` ${arrow} ${mapped}`}${recognitionNote(entry.recognized)}`,
          mark: 'level',
        };
      }),
    ),
  });
  sections.push({
    id: 'languages',
    heading: d.languages,
    lines: s.languages.map((entry) => {
      const skills = Object.entries(entry.skills)
        .map(([skill, level]) => `${m.skillNames[skill as keyof Messages['skillNames']] ?? skill} ${level}`)
        .join(', ');
      const age = entry.examAgeMonths === undefined ? '' : `; ${fill(d.examAge, { months: entry.examAgeMonths })} (${entry.examDate})`;
      return {
        text: `${titled(entry.credential)}: ${entry.language ?? '?'} ${entry.overall ?? ''}${skills === '' ? '' : ` — ${skills}`}${entry.provider === undefined ? '' : ` · ${entry.provider}`}${age}${recognitionNote(entry.recognized)}`,
      };
    }),
  });
  sections.push({
    id: 'training',
    heading: d.training,
    lines: [
      ...s.training.items.map((entry) => ({
        text: `${titled(entry.credential, entry.title)}: ${entry.hours === undefined ? '' : fill(m.hoursValue, { hours: entry.hours })}${entry.startDate === undefined && entry.endDate === undefined ? '' : ` (${entry.startDate?.slice(0, 10) ?? '…'} – ${entry.endDate?.slice(0, 10) ?? '…'})`}`,
      })),
      ...(s.training.items.length === 0 ? [] : [{ text: fill(d.totalHours, { hours: s.training.totalHours }) }]),
    ],
  });
  sections.push({
    id: 'validated-units',
    heading: d.validatedUnits,
    lines: s.validatedUnits.map((entry) => ({
      text: `${titled(entry.credential, entry.title)}${entry.extent === undefined ? '' : ` [${entry.extent}]`}: ${entry.units.map((unit) => [unit.code, unit.name].filter(Boolean).join(' ')).join('; ')}`,
    })),
  });
  const work = s.workExperience;
  sections.push({
    id: 'work-experience',
    heading: d.workExperience,
    lines: [
      ...work.byCountryAndOccupation.map((entry) => ({
        text: `${d.country} ${entry.country} · ${d.occupation} ${entry.isco08 === undefined ? d.occupationNotStated : `${entry.isco08}${entry.occupationName === undefined ? '' : ` ${entry.occupationName}`}`}: ${fill(d.monthsValue, { months: entry.months })}`,
        mark: 'work-group',
      })),
      ...work.byCountry.map((entry) => ({ text: `${d.country} ${entry.country}: ${fill(d.totalMonths, { months: entry.months })}`, mark: 'work-country' })),
      ...work.periods.map((period) => ({
        text: `${name(period.credential)}: ${period.startDate ?? '…'} – ${period.endDate ?? d.openEnded} · ${period.country ?? '?'} · ${[period.jobTitle, period.employer].filter(Boolean).join(', ')} · ${fill(d.monthsValue, { months: period.months })}`,
      })),
    ],
  });

  const linkLine = (link: DossierReport['summary']['decisions'][number]['links'][number]): DossierLine => ({
    text: `${link.name ?? link.id}: ${d.linkStatus[link.status]}${link.credential === undefined ? '' : ` (${name(link.credential)})`}`,
    tone: link.status === 'matches' ? 'good' : link.status === 'does-not-match' ? 'bad' : 'warn',
    mark: `link-${link.status}`,
  });
  sections.push({
    id: 'decisions',
    heading: d.decisions,
    lines: s.decisions.flatMap((entry) => {
      const decision = entry.decision;
      const type = decision.decisionType as keyof typeof d.decisionTypes | undefined;
      const reference = [
        decision.referenceOccupation === undefined
          ? undefined
          : `${decision.referenceOccupation.name ?? ''}${decision.referenceOccupation.kldb === undefined ? '' : ` (KldB ${decision.referenceOccupation.kldb})`}${decision.referenceOccupation.isco08 === undefined ? '' : ` (ISCO ${decision.referenceOccupation.isco08})`}`,
        decision.referenceQualification === undefined
          ? undefined
          : `${decision.referenceQualification.name ?? ''}${decision.referenceQualification.levels.map((level) => ` · ${abbreviation(level.framework)} ${level.level}`).join('')}`,
      ].filter((text): text is string => text !== undefined);
      return [
        {
          text: `${titled(entry.credential, entry.title)}: ${type === undefined ? '?' : (d.decisionTypes[type] ?? type)}${recognitionNote(entry.recognized)}`,
          mark: 'decision',
        },
        ...(reference.length === 0 ? [] : [{ text: `${d.reference}: ${reference.join('; ')}` }]),
        ...(decision.decisionBody === undefined ? [] : [{ text: decision.decisionBody }]),
        { text: `${d.decisionNumber}: ${decision.decisionNumber ?? '—'} · ${d.decisionDate}: ${decision.decisionDate ?? '—'}` },
        { text: `${d.legalBasis}: ${decision.legalBasis ?? '—'}` },
        ...(decision.differences.length === 0 ? [] : [{ text: `${d.differences}: ${decision.differences.join('; ')}` }]),
        ...decision.compensatoryMeasures.map((measure) => ({
          text: `${d.compensatoryMeasures}: ${measure.measureType === undefined ? '' : (d.measureTypes[measure.measureType as keyof typeof d.measureTypes] ?? measure.measureType)}${measure.durationMonths === undefined ? '' : `, ${fill(d.monthsValue, { months: measure.durationMonths })}`}${measure.description === undefined ? '' : ` — ${measure.description}`}`,
        })),
        { text: d.linkedCredentials },
        ...entry.links.map(linkLine),
      ];
    }),
  });
  sections.push({
    id: 'validations',
    heading: d.validations,
    lines: s.validations.flatMap((entry) => [{ text: titled(entry.credential, entry.title) }, ...entry.links.map(linkLine)]),
  });
  if (s.requirements !== undefined) {
    sections.push({
      id: 'requirements',
      heading: d.requirements,
      lines: [
        ...s.requirements.presets.map((preset) => ({
          text: `${preset.title}: ${d.outcomes[preset.outcome]}${preset.why === undefined ? '' : ` — ${sayReason(preset.why, language)}`}`,
          tone: preset.outcome === 'met' ? ('good' as const) : preset.outcome === 'not-met' ? ('bad' as const) : ('warn' as const),
          mark: `preset-${preset.outcome}`,
        })),
        ...s.requirements.requirements.map((result) => ({
          text: `${result.requirement.id ?? result.requirement.kind}: ${d.outcomes[result.outcome]} — ${sayReason(result.why, language)}`,
          tone: result.outcome === 'met' ? ('good' as const) : result.outcome === 'not-met' ? ('bad' as const) : ('warn' as const),
        })),
      ],
    });
  }
  const ordered = [...sections.slice(3), ...sections.slice(0, 3)].filter(
    (section) => section.lines.length > 0 || ['problems', 'could-not-check'].includes(section.id),
  );
  // Verdict first, then what failed and could not be checked, then the summary, then the credentials one by one.
  const first = ordered.filter((section) => ['problems', 'could-not-check'].includes(section.id));
  const rest = ordered.filter((section) => !['problems', 'could-not-check'].includes(section.id));
  return {
    language,
    title: d.title,
    intro: d.intro,
    verdict: report.allVerified ? { text: d.allVerified, tone: 'good' } : { text: d.notAllVerified, tone: report.problems.length > 0 ? 'bad' : 'warn' },
    sections: [...first, ...rest],
    // Every sentence above is in the reader's language; the English technical detail is in the JSON report.
    note: '',
  };
}
