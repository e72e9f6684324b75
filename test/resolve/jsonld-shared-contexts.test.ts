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

  for (const [name, library, resolvedContextPath] of [
    ['jsonld', jsonld, 'jsonld/lib/ResolvedContext.js'],
    ['@digitalcredentials/jsonld', dcJsonld, '@digitalcredentials/jsonld/lib/ResolvedContext.js'],
  ] as const) {
    it(`${name}: a type-scoped context is processed once, then found in the cache on every later expansion`, async () => {
      const resolvedContext = (
        name === 'jsonld' ? require(resolvedContextPath) : createRequire(require.resolve('@digitalcredentials/jsonld-signatures'))(resolvedContextPath)
      ) as { prototype: { getProcessed(active: unknown): unknown } };
      const context = {
        '@context': {
          '@protected': true,
          Thing: { '@id': 'https://example.org/Thing', '@context': { label: 'https://example.org/label', inner: 'https://example.org/inner' } },
          type: '@type',
          id: '@id',
          holds: { '@id': 'https://example.org/holds' },
        },
      };
      const documentLoader = async (url: string) => {
        if (url !== 'https://example.org/type-scoped') throw new Error(`no network: ${url}`);
        return { contextUrl: null, documentUrl: url, document: structuredClone(context), tag: 'static' };
      };
      const document = {
        '@context': 'https://example.org/type-scoped',
        type: 'Thing',
        label: 'root',
        holds: [
          { type: 'Thing', label: 'a' },
          { type: 'Thing', label: 'b' },
        ],
      };
      const expand = (library as { expand(input: unknown, options: unknown): Promise<unknown> }).expand;
      const original = resolvedContext.prototype.getProcessed;
      let lookups = 0;
      let misses = 0;
      resolvedContext.prototype.getProcessed = function counted(active: unknown) {
        const found = original.call(this, active);
        lookups += 1;
        if (found === undefined) misses += 1;
        return found;
      };
      try {
        const first = await expand(document, { documentLoader, safe: true, base: null });
        lookups = 0;
        misses = 0;
        // The library keys an object context by its JSON text; a known scoped context is found by identity instead.
        const stringify = JSON.stringify;
        let scopedKeys = 0;
        JSON.stringify = ((value: unknown, ...rest: unknown[]) => {
          if ((value as { label?: unknown } | null)?.label === 'https://example.org/label') scopedKeys += 1;
          return (stringify as (...args: unknown[]) => string)(value, ...rest);
        }) as typeof JSON.stringify;
        let second: unknown;
        try {
          second = await expand(document, { documentLoader, safe: true, base: null });
        } finally {
          JSON.stringify = stringify;
        }
        expect(scopedKeys, 'the scoped context was not serialised again').to.equal(0);
        expect(second, 'the same expansion').to.deep.equal(first);
        expect(lookups, 'the scoped contexts were looked up').to.be.greaterThan(2);
        expect(misses, 'every processed context came from the cache').to.equal(0);
      } finally {
        resolvedContext.prototype.getProcessed = original;
      }
    });
  }
});
