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
export const JSONLD_OPTIONS_SHAPE = { typeExpansion: false } as const;

interface Cryptosuite {
  canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
}

/** The cryptosuite with its canonicalisation (a JSON-LD expansion) given JSONLD_OPTIONS_SHAPE. */
export function withSharedOptionsShape<T extends Cryptosuite>(cryptosuite: T): T {
  return {
    ...cryptosuite,
    canonize: (input: unknown, options: Record<string, unknown>) => cryptosuite.canonize(input, Object.assign({}, options, JSONLD_OPTIONS_SHAPE)),
  };
}
