import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, found by walking up from this module, so that the same
 * code finds `schemas/` and `contexts/` whether it runs from `src/` (tsx) or from the
 * compiled `dist/` (npm run start:prod). Nothing is copied next to the compiled code but
 * the framework data, which lives beside its module (scripts/copy-build-assets.mjs).
 */
function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
/** JSON Schemas (draft 2020-12), read by the validator, the OpenAPI document and /schemas/*. */
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas') + '/';
/** Our JSON-LD contexts: contexts/<name>.jsonld ⇔ https://w3id.org/passerelle/contexts/<name>. */
export const CONTEXTS_DIR = join(PACKAGE_ROOT, 'contexts') + '/';
