import { createRequire } from 'node:module';
import jsonld from 'jsonld';

/**
 * The fix for digitalbazaar/jsonld.js#414, applied at run time to the jsonld copies this
 * process uses (jsonld for expansion, @digitalcredentials/jsonld inside jsonld-signatures for
 * canonicalisation), without touching the installed packages.
 *
 * jsonld.js deep-clones the whole active context (every term definition) each time a context
 * is applied, and again each time expansion leaves a type-scoped context, for every node:
 * with the OB 3.0 context that was most of verification time. A processed active context is
 * never mutated afterwards (context processing clones before it changes anything, and a term
 * definition object is written only while it is being created), so a child can share its
 * parent's term definitions and previous context instead of copying them.
 *
 * Every active context descends, by `clone()`, from the library's cached initial context (one
 * per processing mode), and a clone inherits its parent's `clone` and `revertToPreviousContext`;
 * replacing those two on the initial contexts therefore covers every context derived later.
 * test/resolve/jsonld-shared-contexts.test.ts checks both copies, and the whole suite (W3C
 * vectors byte for byte, round trips with @digitalbazaar/vc, the tamper tables) runs on it.
 */

interface ActiveContext {
  mappings: Map<string, unknown>;
  protected: Record<string, boolean>;
  previousContext?: ActiveContext;
  inverse: unknown;
  getInverse: unknown;
  clone(this: ActiveContext): ActiveContext;
  revertToPreviousContext(this: ActiveContext): ActiveContext;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
}

interface JsonLdLibrary {
  processContext(active: unknown, local: null, options: Record<string, unknown>): Promise<ActiveContext>;
}

/** As jsonld.js's _cloneActiveContext, sharing the immutable parts instead of deep-copying them. */
function sharedClone(this: ActiveContext): ActiveContext {
  const child = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext,
  } as ActiveContext;
  if (this.previousContext) child.previousContext = this.previousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

function sharedRevert(this: ActiveContext): ActiveContext {
  return this.previousContext ?? this;
}

/** The jsonld copy that jsonld-signatures loads (a fork it depends on). */
function signaturesJsonLd(): JsonLdLibrary {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@digitalcredentials/jsonld-signatures'))('@digitalcredentials/jsonld') as JsonLdLibrary;
}

let applied: Promise<void> | undefined;

/** Idempotent; call before any JSON-LD work in a thread (main thread and each worker). */
export function shareImmutableContexts(): Promise<void> {
  applied ??= (async () => {
    for (const library of [jsonld as unknown as JsonLdLibrary, signaturesJsonLd()]) {
      for (const processingMode of [undefined, 'json-ld-1.1', 'json-ld-1.0']) {
        // A null local context answers the cached initial context for that processing mode.
        const initial = await library.processContext(null, null, processingMode === undefined ? {} : { processingMode });
        initial.clone = sharedClone;
        initial.revertToPreviousContext = sharedRevert;
      }
    }
  })();
  return applied;
}
