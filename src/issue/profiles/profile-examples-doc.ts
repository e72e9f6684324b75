import { PROFILE_EXAMPLES } from './examples.js';

const TITLES: Readonly<Record<string, string>> = {
  diploma: 'Diploma: OFPPT-style Technicien spécialisé at Morocco CNC 5 (no EQF level: the CNC is not referenced to the EQF)',
  'language-level': 'Language level: Goethe-Zertifikat B1 with per-skill levels',
  'training-module': 'Training module: 120-hour pre-departure module in a Morocco–Germany mobility programme',
  'validated-skills': 'Validated skills: construction skills after seasonal work in Spain, partly validated',
};

/**
 * docs/profile-examples.md, made from the same examples the OpenAPI document shows and the
 * tests issue (`npm run docs:examples`); a test fails when the file is out of step.
 */
export function profileExamplesMarkdown(): string {
  const sections = Object.entries(PROFILE_EXAMPLES).map(
    ([profile, body]) =>
      `## ${TITLES[profile] ?? profile}\n\n\`\`\`sh\ncurl -s localhost:3000/issuers/demo/credentials -H "Authorization: Bearer $KEY" \\\n  -H 'Content-Type: application/json' -d @${profile}.json\n\`\`\`\n\n\`${profile}.json\`:\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n`,
  );
  return `# Profile requests: one realistic example each

<!-- Generated from src/issue/profiles/examples.ts by \`npm run docs:examples\`; do not edit by hand. -->

Each body below is a complete request to \`POST /issuers/{slug}/credentials\`. The same examples
appear in \`GET /openapi.json\` and are issued by the tests, so they are known to work. People,
employers, document URLs and digests are invented; ESCO URIs and Spanish unit codes are in the
right form but were not checked against the live registries.

${sections.join('\n')}`;
}
