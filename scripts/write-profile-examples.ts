// npm run docs:examples — regenerates docs/profile-examples.md from src/issue/profiles/examples.ts.
import { writeFileSync } from 'node:fs';
import { profileExamplesMarkdown } from '../src/issue/profiles/profile-examples-doc.js';

writeFileSync('docs/profile-examples.md', profileExamplesMarkdown());
console.log('docs/profile-examples.md written');
