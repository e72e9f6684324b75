// Worker entry when the service runs from TypeScript sources (npm start, tests): worker
// threads do not inherit a loader registered by mocha, so this registers tsx first.
// The production build runs prepare-worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./prepare-worker.ts');
export default worker.default;
