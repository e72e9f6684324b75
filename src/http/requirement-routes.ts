import { Router } from 'express';
import { pick } from '../frameworks/framework.js';
import { listPresets } from '../frameworks/requirements/presets.js';
import { checkRequirements } from '../verify/check-requirements.js';
import type { VerifyDeps } from '../verify/verify-credential.js';
import { preferredLanguage } from './framework-routes.js';
import { methodNotAllowed } from './problem-response.js';
import { readerLanguage } from './reader-language.js';
import { localizeReport } from '../present/localize-report.js';

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
      const language = readerLanguage(req, (req.body as { lang?: unknown } | undefined)?.lang);
      res.json(localizeReport(await checkRequirements(deps, req.body, language), language));
    })
    .all(methodNotAllowed('POST'));

  return router;
}
