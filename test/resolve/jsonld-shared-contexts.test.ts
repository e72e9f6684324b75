import { createRequire } from 'node:module';
import { expect } from 'chai';
import jsonld from 'jsonld';
import { shareImmutableContexts } from '../../src/resolve/jsonld-shared-contexts.js';

// The copy jsonld-signatures itself loads (it depends on @digitalcredentials/jsonld, a fork).
const require = createRequire(import.meta.url);
const dcJsonld = createRequire(require.resolve('@digitalcredentials/jsonld-signatures'))('@digitalcredentials/jsonld') as unknown;

/**
 * resolve/jsonld-shared-contexts.ts must reach every jsonld copy the service uses: leaving a
 * type-scoped context returns the previous active context itself, not a deep copy. Without it
 * verification is ~4× slower (jsonld.js#414).
 */
describe('the jsonld.js#414 fix reaches every jsonld copy', () => {
  before(() => shareImmutableContexts());

  for (const [name, library] of [
    ['jsonld', jsonld],
    ['@digitalcredentials/jsonld', dcJsonld],
  ] as const) {
    it(`${name}: a child context shares its parent's definitions and previous context`, async () => {
      const lib = library as unknown as {
        processContext(
          active: unknown,
          local: unknown,
          options: unknown,
        ): Promise<{
          previousContext?: unknown;
          mappings: Map<string, unknown>;
          clone(): { mappings: Map<string, unknown> };
          revertToPreviousContext(): unknown;
        }>;
      };
      const documentLoader = async (url: string) => {
        throw new Error(`no network: ${url}`);
      };
      // A null local context answers the initial context.
      const empty = await lib.processContext(null, null, { documentLoader });
      const initial = await lib.processContext(empty, { name: 'https://schema.org/name' }, { documentLoader });
      const scoped = await lib.processContext(initial, { '@propagate': false, label: 'https://schema.org/label' }, { documentLoader });
      expect(scoped.previousContext, 'a non-propagated context keeps its previous one').to.not.equal(undefined);
      expect(scoped.revertToPreviousContext(), 'reverting returns the previous context itself').to.equal(scoped.previousContext);
      const child = scoped.clone();
      expect(child.mappings).to.not.equal(scoped.mappings);
      expect(child.mappings.get('label'), 'term definitions are shared, not deep-copied').to.equal(scoped.mappings.get('label'));
    });
  }
});
