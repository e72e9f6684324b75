/* global process */
// After tsc: copy the files that compiled modules read from beside themselves (the
// frameworks registry and its requirement presets), so that dist/ runs on its own
// with the package's schemas/ and contexts/ (found through package.json).
import { cpSync, rmSync } from 'node:fs';

const out = process.argv[2] ?? 'dist';
rmSync(`${out}/frameworks/data`, { recursive: true, force: true });
cpSync('src/frameworks/data', `${out}/frameworks/data`, { recursive: true });
