/**
 * A schema as a verifier loads it from a credential's `credentialSchema` id: with the
 * definitions it borrows from a sibling file (`profile-common.json#/$defs/…`) copied into its
 * own `$defs`, so one document is enough. Validators that fetch `$ref`s (verifier-core's
 * Ajv 2019-09) would otherwise ask the network for the sibling, and draft-07 validators
 * resolve relative files differently. Our files keep one home for each definition; only
 * what is published is bundled.
 */

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `siblings`: the other schema files by their file name (`profile-common.json`), already parsed. */
export function selfContainedSchema(schema: Json, siblings: ReadonlyMap<string, Json>): Json {
  const borrowed = new Map<string, unknown>();
  const localName = (file: string, name: string) => `${file.replace(/\.json$/, '')}-${name}`;

  // Rewrites every $ref in `node`; `file` is the file the node comes from (undefined: the schema itself).
  const rewrite = (node: unknown, file: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((entry) => rewrite(entry, file));
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, file);
      else out[key] = rewrite(value, file);
    }
    return out;
  };

  const rewriteRef = (ref: string, file: string | undefined): string => {
    const [target = '', fragment = ''] = ref.split('#');
    const sourceFile = target === '' ? file : target;
    if (sourceFile === undefined) return ref; // a local reference of the schema itself
    const name = /^\/\$defs\/([^/]+)$/.exec(fragment)?.[1];
    const sibling = siblings.get(sourceFile);
    const definitions = sibling?.$defs;
    if (name === undefined || !isObject(definitions) || definitions[name] === undefined) {
      throw new Error(`schema reference ${ref} cannot be bundled`);
    }
    const local = localName(sourceFile, name);
    if (!borrowed.has(local)) {
      borrowed.set(local, null); // placeholder first: definitions may refer to each other
      borrowed.set(local, rewrite(definitions[name], sourceFile));
    }
    return `#/$defs/${local}`;
  };

  const bundled = rewrite(schema, undefined) as Json;
  if (borrowed.size === 0) return bundled;
  return { ...bundled, $defs: { ...(isObject(bundled.$defs) ? bundled.$defs : {}), ...Object.fromEntries(borrowed) } };
}
