/** RFC 6901 JSON Pointers, for naming the field at fault in a problem. */

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(path: ReadonlyArray<string | number>): string {
  return path.map((token) => '/' + escapeToken(token)).join('');
}

/**
 * A path built while walking a document, one node per step that points to its parent: a walk
 * over every value of a request allocates one small node per value instead of copying an
 * array, and turns it into tokens (pathOf) only to name the field at fault.
 */
export interface PathNode {
  readonly parent: PathNode | undefined;
  readonly key: string | number;
}

/** The tokens from the root to `node` (none for the root itself). */
export function pathOf(node: PathNode | undefined): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at = node; at !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return base + toPointer(tokens);
}

/**
 * The pointer of the first property named `name` in `value`, depth first; used to
 * point at a JSON-LD term that safe mode rejected, which jsonld reports by name only.
 */
export function findPropertyPointer(value: unknown, name: string, path: Array<string | number> = []): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findPropertyPointer(item, name, [...path, index]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === name) return toPointer([...path, key]);
      const found = findPropertyPointer(child, name, [...path, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
