import { Router, type Request } from 'express';
import { pick, type Framework } from '../frameworks/framework.js';
import { mapLevel } from '../frameworks/map-level.js';
import { frameworkRegistry } from '../frameworks/registry.js';
import { ProblemError } from '../shared/problems.js';
import { methodNotAllowed } from './problem-response.js';

const LANG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;

/** `?lang=` first, then the first Accept-Language tag; labels fall back to English. */
export function preferredLanguage(req: Request): string | undefined {
  const query = req.query.lang;
  if (query !== undefined) {
    if (typeof query !== 'string' || !LANG.test(query))
      throw new ProblemError('invalid-request', 'lang must be one BCP 47 language tag, e.g. "de" or "fr-BE".', { pointer: '/query/lang' });
    return query.toLowerCase();
  }
  const header = req.get('Accept-Language')?.split(',')[0]?.split(';')[0]?.trim();
  return header !== undefined && LANG.test(header) ? header.toLowerCase() : undefined;
}

function queryString(req: Request, name: string, example: string): string {
  const value = req.query[name];
  if (value === undefined || value === '')
    throw new ProblemError('invalid-request', `Query parameter ${name} is required, e.g. ${name}=${example}.`, { pointer: `/query/${name}` });
  if (typeof value !== 'string') throw new ProblemError('invalid-request', `Query parameter ${name} must be given once.`, { pointer: `/query/${name}` });
  return value;
}

function summary(framework: Framework, lang: string | undefined) {
  return {
    id: framework.id,
    kind: framework.kind,
    abbreviation: framework.abbreviation,
    name: pick(framework.name, lang),
    shortName: framework.shortName,
    status: framework.status,
    ...(framework.country === undefined ? {} : { country: framework.country }),
    ...(framework.region === undefined ? {} : { region: framework.region }),
    version: framework.version,
    levels: framework.levels.map((level) => level.code),
    referencing: framework.referencing.map(({ framework: hub, status, year }) => ({ framework: hub, status, ...(year === undefined ? {} : { year }) })),
    href: `/frameworks/${framework.id}`,
  };
}

function atParameter(pointer: string, action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (error instanceof ProblemError) throw new ProblemError(error.type, error.message, { pointer, extensions: error.extensions });
    throw error;
  }
}

/** Read-only views of the registry and the mapping engine; no authentication, nothing stored. */
export function createFrameworkRouter(): Router {
  const router = Router();
  const registry = frameworkRegistry();

  router
    .route('/frameworks')
    .get((req, res) => {
      const lang = preferredLanguage(req);
      res.json({ frameworks: registry.list().map((framework) => summary(framework, lang)) });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/frameworks/:id')
    .get((req, res) => {
      const framework = registry.find(String(req.params.id));
      const lang = preferredLanguage(req);
      res.json({
        ...framework,
        $schema: undefined,
        display: { name: pick(framework.name, lang), levels: framework.levels.map((level) => ({ code: level.code, label: pick(level.label, lang) })) },
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/frameworks/:id/levels/:code')
    .get((req, res) => {
      const id = String(req.params.id);
      const code = String(req.params.code);
      const level = registry.findLevel(id, code);
      const lang = preferredLanguage(req);
      res.json({
        framework: id,
        ...level,
        ...(level.code === code ? {} : { resolvedFrom: code }),
        display: { label: pick(level.label, lang), descriptor: pick(level.descriptor, lang) },
        inEqf: id === 'eqf' ? undefined : mapLevel({ framework: id, level: level.code }, 'eqf', { lang }),
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/mappings')
    .get((req, res) => {
      const from = queryString(req, 'from', 'ma-cnc:5');
      const to = queryString(req, 'to', 'de-dqr');
      const separator = from.indexOf(':');
      if (separator <= 0 || separator === from.length - 1) {
        throw new ProblemError('invalid-request', `Query parameter from must be <framework>:<level>, e.g. ma-cnc:5; got "${from}".`, {
          pointer: '/query/from',
        });
      }
      const lang = preferredLanguage(req);
      const query = { framework: from.slice(0, separator), level: from.slice(separator + 1) };
      // Name the parameter at fault: the registry's problem only knows the framework.
      atParameter('/query/from', () => registry.resolve(query.framework, query.level));
      atParameter('/query/to', () => registry.find(to));
      res.json(mapLevel(query, to, { lang }));
    })
    .all(methodNotAllowed('GET'));

  return router;
}
