import type { IssuerRecord } from '../store/ports.js';
import { createIssuer, type IssuerDeps } from './create-issuer.js';

export const DEMO_ISSUER_SLUG = 'demo';

/**
 * The demo issuer for `npm start`: created once, with its API key returned only on
 * that first start (the key's secret is not stored, so it cannot be shown again).
 */
export async function ensureDemoIssuer(deps: IssuerDeps): Promise<{ issuer: IssuerRecord; apiKey?: string }> {
  const existing = await deps.store.issuers.findBySlug(DEMO_ISSUER_SLUG);
  if (existing !== undefined) return { issuer: existing };
  return createIssuer(deps, {
    slug: DEMO_ISSUER_SLUG,
    legalName: 'Passerelle Demo Training Centre',
    country: 'MA',
    names: {
      en: 'Passerelle Demo Training Centre',
      fr: 'Centre de formation de démonstration Passerelle',
      ar: 'مركز باسريل التجريبي للتكوين',
      de: 'Passerelle Demo-Ausbildungszentrum',
      es: 'Centro de formación de demostración Passerelle',
    },
    didMethod: 'web',
  });
}
