/**
 * A workaround for V8 behaviour in Node 20 (V8 11.3): an object literal that begins with a spread
 * and then adds a property (`{ ...options, typeExpansion: true }`) makes a new hidden class
 * each time it runs, allocated straight in the old generation. jsonld.js writes that literal
 * twice for every typed node it expands; for a generic Data Integrity credential that was
 * ~2 KB per verification left for the next full collection, the largest share of what
 * verification promoted (docs/architecture.md, Performance: full collections are what
 * delayed the slowest requests).
 *
 * When the options already carry `typeExpansion`, the literal only overwrites it, and every
 * copy shares one hidden class. jsonld.js reads the flag nowhere (both copies: the uses in
 * lib/context.js are commented out), so its value changes nothing.
 */
const OPTIONS_SHAPE = { typeExpansion: false } as const;

export interface ExpandingLibrary {
  expand(input: unknown, options?: Record<string, unknown>): Promise<unknown>;
}

/**
 * Every expansion by this jsonld copy gets options that carry `typeExpansion`. toRDF, and so
 * canonize, expand through the library's own `expand`, so signing and proof verification
 * (whatever cryptosuite) are covered as well as safe-mode expansion.
 */
export function presetTypeExpansion(library: ExpandingLibrary): void {
  const expand = library.expand;
  library.expand = (input, options) => expand.call(library, input, Object.assign({}, options, OPTIONS_SHAPE));
}
