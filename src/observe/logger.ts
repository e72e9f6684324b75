import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** API keys have this shape (issuers/api-keys.ts); any that reaches a log line is masked. */
const API_KEY = /psk_[A-Za-z0-9_-]{8,}/g;

/**
 * The service's logger: JSON lines (pino), readable on a terminal. Secrets are kept out in
 * two layers: request logs carry no headers or bodies at all (see request-logging.ts), and
 * every line is scrubbed on its way out of API keys and of the configured admin token and
 * master key, wherever they appear.
 */
export function createLogger(options: { level: string; secrets: ReadonlyArray<string | undefined>; destination?: DestinationStream }): Logger {
  const secrets = options.secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 8);
  const scrub = (line: string) => secrets.reduce((text, secret) => text.split(secret).join('[REDACTED]'), line.replace(API_KEY, 'psk_[REDACTED]'));
  const pretty = options.destination === undefined && process.stdout.isTTY === true;
  return pino(
    {
      level: options.level,
      base: { service: 'passerelle' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'apiKey', 'masterKey', 'adminToken'],
        censor: '[REDACTED]',
      },
      hooks: { streamWrite: scrub },
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
            },
          }
        : {}),
    },
    ...(options.destination === undefined ? [] : [options.destination]),
  );
}
