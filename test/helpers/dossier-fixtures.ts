import { languageLevelExample } from '../../src/issue/profiles/examples.js';

/** One worker, three credentials from three issuers, as the same holder. */
export const HOLDER = { name: 'Youssef Benali', birthDate: '2001-03-14', identifiers: [{ type: 'passport', value: 'UX 4821937' }] } as const;
export const PASSPORT = 'UX 4821937';

/** A Goethe B1 taken a month ago, so the visa preset's 12-month rule holds whatever day the suite runs. */
export function recentGoethe(): object {
  const date = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  return { ...languageLevelExample, holder: HOLDER, exam: { ...languageLevelExample.exam, date } };
}
