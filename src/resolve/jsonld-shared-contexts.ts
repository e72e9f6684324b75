import { createRequire } from 'node:module';
import jsonld from 'jsonld';
import { presetTypeExpansion, type ExpandingLibrary } from './jsonld-options-shape.js';

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

interface JsonLdLibrary extends ExpandingLibrary {
  processContext(active: unknown, local: null, options: Record<string, unknown>): Promise<ActiveContext>;
}

interface ResolvedContextClass {
  prototype: { getProcessed(active: ActiveContext): unknown; setProcessed(active: ActiveContext, processed: unknown): void };
}

interface ResolveOptions {
  context: unknown;
}

interface ContextResolverClass {
  prototype: { resolve(this: unknown, options: ResolveOptions): Promise<unknown[]> };
}

/** The context a clone was made from (set by sharedClone only). */
const CLONED_FROM = Symbol('cloned from');

/**
 * The second half of the fix: jsonld.js caches a processed context per (context document, active
 * context object). Applying a type-scoped (non-propagating) context first clones the active
 * context and sets the clone's previousContext to the original (lib/context.js `process`), then
 * looks the cache up with that fresh clone: a miss every time, so every type-scoped context
 * of every node was processed again (term definitions created anew) on every request.
 * Such a clone is never changed afterwards (processing clones it again before defining terms),
 * and two of them made from one context are equivalent; so they share one cache key, a token
 * per original. Any other active context is its own key, as before. The processed contexts are
 * held weakly by their key instead of in a 10-entry LRU, so a busy scoped context is not evicted.
 */
const nonPropagatingKeys = new WeakMap<ActiveContext, object>();
const processedByResolved = new WeakMap<object, WeakMap<object, unknown>>();

function cacheKeyOf(active: ActiveContext): object {
  const origin = (active as unknown as Record<symbol, ActiveContext | undefined>)[CLONED_FROM];
  if (origin === undefined || origin !== active.previousContext) return active;
  let key = nonPropagatingKeys.get(origin);
  if (key === undefined) {
    key = {};
    nonPropagatingKeys.set(origin, key);
  }
  return key;
}

function processedOf(resolved: object): WeakMap<object, unknown> {
  let processed = processedByResolved.get(resolved);
  if (processed === undefined) {
    processed = new WeakMap();
    processedByResolved.set(resolved, processed);
  }
  return processed;
}

/**
 * Active contexts that are finished: the initial contexts and every processed context put in
 * the cache. Nothing changes them afterwards, so a clone of one may copy their term map and
 * protected set only when it is first read: the clone made to look a type-scoped context up in
 * the cache (see cacheKeyOf) is mostly dropped unread after a hit.
 */
const finished = new WeakSet<ActiveContext>();

/**
 * A clone of a finished context: its term map and protected set are copied from the parent
 * only when first read (or replaced by a write). The accessors belong to the class, not to
 * each clone: accessors defined per object (Object.defineProperty with new closures) gave
 * every clone hidden classes of its own, which V8 allocates in the old generation: ~1 KB for
 * each typed node expanded, left there until the next full collection, and a large share of
 * what brought full collections (and their pauses) under load (docs/architecture.md, Performance).
 */
class CloneOfFinished {
  readonly #parent: ActiveContext;
  #mappings: Map<string, unknown> | undefined;
  #protected: Record<string, boolean> | undefined;

  constructor(parent: ActiveContext) {
    this.#parent = parent;
  }

  get mappings(): Map<string, unknown> {
    return (this.#mappings ??= new Map(this.#parent.mappings));
  }

  set mappings(value: Map<string, unknown>) {
    this.#mappings = value;
  }

  get protected(): Record<string, boolean> {
    return (this.#protected ??= { ...this.#parent.protected });
  }

  set protected(value: Record<string, boolean>) {
    this.#protected = value;
  }
}

/** As jsonld.js's _cloneActiveContext, sharing the immutable parts instead of deep-copying them. */
function sharedClone(this: ActiveContext): ActiveContext {
  const child = (finished.has(this)
    ? new CloneOfFinished(this)
    : { mappings: new Map(this.mappings), protected: { ...this.protected } }) as unknown as ActiveContext & Record<symbol, ActiveContext>;
  child[CLONED_FROM] = this;
  child.clone = this.clone;
  child.inverse = null;
  child.getInverse = this.getInverse;
  child.revertToPreviousContext = this.revertToPreviousContext;
  if (this.previousContext) child.previousContext = this.previousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

function sharedRevert(this: ActiveContext): ActiveContext {
  return this.previousContext ?? this;
}

/**
 * The scoped contexts (a term definition's `@context` object) of every finished context. They
 * belong to a context document the loader handed out once and jsonld cached as static, and
 * nothing changes them afterwards.
 */
const scopedContexts = new WeakSet<object>();
const resolvedScoped = new WeakMap<object, unknown>();

function rememberScopedContexts(context: ActiveContext): void {
  for (const definition of context.mappings.values()) {
    const scoped = (definition as { '@context'?: unknown } | null)?.['@context'];
    if (scoped !== null && typeof scoped === 'object' && !Array.isArray(scoped)) scopedContexts.add(scoped);
  }
}

/**
 * The third part: ContextResolver keys an object context by JSON.stringify(context) on every
 * resolution, and expansion resolves the type-scoped context of each typed node it meets: the
 * VC 2.0 context's scoped contexts were stringified again on every request (~3 % of a
 * generic credential's verification). A scoped context of a finished context resolves, once,
 * to the same ResolvedContext the library's own shared cache would give, and is then found by
 * identity. Any other object context (a document's own) goes through the library as before.
 */
function resolveScopedOnce(original: ContextResolverClass['prototype']['resolve']): ContextResolverClass['prototype']['resolve'] {
  return async function resolve(this: unknown, options: ResolveOptions) {
    const { context } = options;
    if (context === null || typeof context !== 'object' || !scopedContexts.has(context)) return original.call(this, options);
    const known = resolvedScoped.get(context);
    if (known !== undefined) return [known];
    const resolved = await original.call(this, options);
    if (resolved.length === 1) resolvedScoped.set(context, resolved[0]);
    return resolved;
  };
}

/** The jsonld copy that jsonld-signatures loads (a fork it depends on), and the ResolvedContext and ContextResolver classes of each copy. */
function libraries(): Array<{ library: JsonLdLibrary; resolvedContext: ResolvedContextClass; contextResolver: ContextResolverClass }> {
  const require = createRequire(import.meta.url);
  const signaturesRequire = createRequire(require.resolve('@digitalcredentials/jsonld-signatures'));
  return [
    {
      library: jsonld as unknown as JsonLdLibrary,
      resolvedContext: require('jsonld/lib/ResolvedContext.js') as ResolvedContextClass,
      contextResolver: require('jsonld/lib/ContextResolver.js') as ContextResolverClass,
    },
    {
      library: signaturesRequire('@digitalcredentials/jsonld') as JsonLdLibrary,
      resolvedContext: signaturesRequire('@digitalcredentials/jsonld/lib/ResolvedContext.js') as ResolvedContextClass,
      contextResolver: signaturesRequire('@digitalcredentials/jsonld/lib/ContextResolver.js') as ContextResolverClass,
    },
  ];
}

let applied: Promise<void> | undefined;

/** Idempotent; call before any JSON-LD work in a thread (main thread and each worker). Also applies jsonld-options-shape.ts. */
export function shareImmutableContexts(): Promise<void> {
  applied ??= (async () => {
    for (const { library, resolvedContext, contextResolver } of libraries()) {
      resolvedContext.prototype.getProcessed = function getProcessed(active) {
        return processedOf(this).get(cacheKeyOf(active));
      };
      resolvedContext.prototype.setProcessed = function setProcessed(active, processed) {
        // An @import caches the imported context document itself (lib/context.js), not a processed context.
        const context = (processed as { context?: ActiveContext } | null)?.context;
        if (context?.mappings instanceof Map) {
          finished.add(context);
          rememberScopedContexts(context);
        }
        processedOf(this).set(cacheKeyOf(active), processed);
      };
      contextResolver.prototype.resolve = resolveScopedOnce(contextResolver.prototype.resolve);
      presetTypeExpansion(library);
      for (const processingMode of [undefined, 'json-ld-1.1', 'json-ld-1.0']) {
        // A null local context answers the cached initial context for that processing mode.
        const initial = await library.processContext(null, null, processingMode === undefined ? {} : { processingMode });
        initial.clone = sharedClone;
        initial.revertToPreviousContext = sharedRevert;
        finished.add(initial);
      }
    }
  })();
  return applied;
}
