type Defined<T> = Exclude<T, undefined>;

/** T with every member that may be undefined made optional instead (exactOptionalPropertyTypes). */
export type DefinedMembers<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Defined<T[K]>;
};

/**
 * The members whose value is not undefined, in their order: optional members without the
 * `{ ...(x === undefined ? {} : { x }), … }` idiom. Under Node 20 (V8 11.3) an object literal that
 * begins with a spread and then gains members gets a new hidden class each time it runs, in the
 * old generation; on a hot path that fills it and brings full collections (docs/architecture.md,
 * Performance). Adding members to a new object one by one follows V8's shared transitions.
 */
export function definedMembers<T extends Record<string, unknown>>(members: T): DefinedMembers<T> {
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(members)) if (members[key] !== undefined) defined[key] = members[key];
  return defined as DefinedMembers<T>;
}
