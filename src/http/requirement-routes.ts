import { Router } from 'express';
import { pick } from '../frameworks/framework.js';
import { listPresets } from '../frameworks/requirements/presets.js';
import { checkRequirements } from '../verify/check-requirements.js';
import type { VerifyDeps } from '../verify/verify-credential.js';
import { preferredLanguage } from './framework-routes.js';
import { methodNotAllowed } from './problem-response.js';

export function createRequirementRouter(deps: VerifyDeps): Router {
  const router = Router();

  router
    .route('/requirements/presets')
    .get((req, res) => {
      const lang = preferredLanguage(req);
      res.json({ presets: listPresets().map((preset) => ({ ...preset, $schema: undefined, displayTitle: pick(preset.title, lang) })) });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/requirements/check')
    .post(async (req, res) => {
      res.json(await checkRequirements(deps, req.body));
    })
    .all(methodNotAllowed('POST'));

  return router;
}
