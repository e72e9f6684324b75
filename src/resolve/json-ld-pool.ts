import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { ProblemError } from '../shared/problems.js';
import type { DidDocument } from './did-document.js';
import type { ExpandManyResult, JsonLdTask, JsonLdTaskResult, ProofPurposeSpec, SerializedProblem } from './json-ld-worker.js';

/**
 * JSON-LD expansion and canonicalisation run in worker threads, with a deadline: their
 * cost grows with the input (bounded first by shared/json-limits.ts), and on the event
 * loop one costly credential would stall every other request. A task past its deadline
 * is aborted, its worker terminated, and the caller gets `processing-timeout`.
 *
 * One pool per process, created on first use: several apps in one process (tests) share
 * it. Signing stays on the main thread, so private keys never cross into a worker.
 *
 * Each worker is a V8 isolate of its own (~35 MB compiled, ~65 MB from the sources with the
 * TypeScript loader) whose heap grows under load: no worker is started before a task needs
 * one, and a worker idle for JSONLD_WORKER_IDLE exits, so an idle service gives its memory
 * back; the next task starts one again (a few hundred ms, once).
 */
let pool: Piscina | undefined;
let deadlineMs = 5000;
let idleMs = 30_000;

/** From the composition root (JSONLD_DEADLINE). */
export function setJsonLdDeadline(ms: number): void {
  deadlineMs = ms;
}

/** From the composition root (JSONLD_WORKER_IDLE): applies to the pool started next (the first task, or after closeJsonLdPool). */
export function setJsonLdWorkerIdle(ms: number): void {
  idleMs = ms;
}

function workerFile(): URL {
  // From sources (tsx) a small bootstrap registers the TypeScript loader in the thread.
  return import.meta.url.endsWith('.ts') ? new URL('./json-ld-worker.dev.mjs', import.meta.url) : new URL('./json-ld-worker.js', import.meta.url);
}

/**
 * A worker's young generation (V8's default grows to 48 MB per isolate under load). JSON-LD
 * garbage is short-lived, so a smaller nursery is scavenged more often for little CPU: in the
 * compare bench (validated-skills, DI and JWT, verify, issue and paced) the service's peak RSS
 * went 303 → 274 MB, verify CPU per DI credential +0–6 %, within the run-to-run spread.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: workerFile().href,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism()),
    idleTimeout: idleMs,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  return pool;
}

/**
 * A document at most this large is processed on the calling thread. A worker hop costs a
 * structured clone each way, a wake-up of the worker and of the main thread, and an abort
 * timer: for the generic credential (32 values), verified one request at a time on one core,
 * ~0.35 ms of CPU, as much as its whole expansion and canonicalisation (~0.3 ms). (Under a
 * saturated closed loop piscina hands over queued messages without waking anyone, and the
 * two paths cost about the same.) The bound keeps inline work well under a millisecond
 * whatever the content: few values, and few objects that are blank nodes (no `id`, or a
 * `_:` one) — blank nodes that look alike are what makes RDFC-1.0 costly. Anything larger
 * goes to the pool, with its deadline, so the event loop stays free.
 */
export const INLINE_LIMITS = { maxValues: 64, maxBlankNodes: 4 } as const;

/** True when every document is within INLINE_LIMITS (counted together). */
export function smallEnoughToRunInline(...documents: unknown[]): boolean {
  let values = 0;
  let blankNodes = 0;
  const stack: unknown[] = [...documents];
  while (stack.length > 0) {
    const value = stack.pop();
    values += 1;
    if (values > INLINE_LIMITS.maxValues) return false;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
      continue;
    }
    const { id } = value as { id?: unknown };
    if ((id === undefined && !('@value' in value)) || (typeof id === 'string' && id.startsWith('_:'))) {
      blankNodes += 1;
      if (blankNodes > INLINE_LIMITS.maxBlankNodes) return false;
    }
    stack.push(...Object.values(value));
  }
  return true;
}

function documentsOf(task: JsonLdTask): unknown[] | undefined {
  if (task.kind === 'expand') return [task.document];
  if (task.kind === 'verify-proof') return [task.credential, ...(task.previousProofs ?? [])];
  // A batch's chunks keep the pool: they are many, and the pool spreads them over the cores.
  return undefined;
}

/** The worker's own task function, loaded on first inline use (it applies jsonld-shared-contexts, idempotent, to this thread). */
let inlineRunner: Promise<(task: JsonLdTask) => Promise<JsonLdTaskResult | ExpandManyResult>> | undefined;

async function runInline(task: JsonLdTask): Promise<JsonLdTaskResult> {
  inlineRunner ??= import('./json-ld-worker.js').then((module) => module.default);
  return (await (
    await inlineRunner
  )(task)) as JsonLdTaskResult;
}

let inlineAllowed = true;

/** For tests: false sends every task to the pool, so both paths can be compared. */
export function setInlineJsonLd(allowed: boolean): void {
  inlineAllowed = allowed;
}

/** Worker threads alive now (0 before the first task and once they all went idle). */
export function jsonLdWorkerCount(): number {
  return pool?.threads.length ?? 0;
}

async function run(task: JsonLdTask): Promise<JsonLdTaskResult> {
  const documents = inlineAllowed ? documentsOf(task) : undefined;
  if (documents !== undefined && smallEnoughToRunInline(...documents)) return runInline(task);
  const deadline = new TaskDeadline(deadlineMs);
  try {
    return (await thePool().run(task, { signal: deadline })) as JsonLdTaskResult;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      throw new ProblemError('processing-timeout', `Processing the credential took longer than ${deadlineMs} ms and was stopped.`);
    }
    throw error;
  } finally {
    deadline.clear();
  }
}

/**
 * The abort signal piscina takes (an emitter with `aborted` and `reason`), fired at the
 * deadline. Not AbortSignal.timeout: under Node 20 each AbortSignal gets hidden classes of its
 * own in the old generation (~1 KB a task; docs/architecture.md, Performance), and its timer
 * outlives the task.
 */
class TaskDeadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;
  readonly #timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.#timer = setTimeout(() => {
      this.aborted = true;
      this.reason = new Error(`deadline of ${ms} ms passed`);
      this.emit('abort');
    }, ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

function toProblem(serialized: SerializedProblem): ProblemError {
  return new ProblemError(serialized.type, serialized.message, {
    ...(serialized.pointer === undefined ? {} : { pointer: serialized.pointer }),
    ...(serialized.extensions === undefined ? {} : { extensions: serialized.extensions }),
  });
}

/** Safe-mode expansion; throws the problem that names the offending term, as jsonld-errors.ts does. */
export async function expandInPool(document: object, extraContexts?: Record<string, object>): Promise<void> {
  const result = await run({ kind: 'expand', document, ...(extraContexts === undefined ? {} : { extraContexts }) });
  if (result.ok) return;
  if ('problem' in result && result.problem !== undefined) throw toProblem(result.problem);
  throw new Error('crashed' in result ? result.crashed : 'JSON-LD expansion failed');
}

/**
 * Safe-mode expansion of many documents (a batch), `chunk` per task so every worker gets
 * some; one answer per document: undefined when it expanded, else the problem naming the term.
 * The deadline applies per task, i.e. per chunk.
 */
export async function expandManyInPool(documents: object[], chunk = 25): Promise<Array<ProblemError | undefined>> {
  const tasks: Array<Promise<ExpandManyResult>> = [];
  for (let start = 0; start < documents.length; start += chunk) {
    tasks.push(run({ kind: 'expand-many', documents: documents.slice(start, start + chunk) }) as unknown as Promise<ExpandManyResult>);
  }
  return (await Promise.all(tasks)).flatMap((task) =>
    task.results.map((result) => {
      if (result.ok) return undefined;
      return 'problem' in result ? toProblem(result.problem) : new ProblemError('internal', `JSON-LD expansion failed: ${result.crashed}`);
    }),
  );
}

/** One proof (the document carries only it; the worker picks its suite), with the DID documents its key was resolved from; assertion unless said. */
export async function verifyProofInPool(
  credentialWithOneProof: object,
  didDocuments: Record<string, DidDocument>,
  extraContexts?: Record<string, object>,
  purpose?: ProofPurposeSpec,
  /** For a chained proof: the proofs its previousProof names, part of what it signed. */
  previousProofs?: object[],
): Promise<{ verified: true } | { verified: false; message: string; unresolved?: ProblemError }> {
  const result = await run({
    kind: 'verify-proof',
    credential: credentialWithOneProof,
    didDocuments,
    ...(extraContexts === undefined ? {} : { extraContexts }),
    ...(purpose === undefined ? {} : { purpose }),
    ...(previousProofs === undefined ? {} : { previousProofs }),
  });
  if (result.ok) return { verified: true };
  if ('verified' in result)
    return { verified: false, message: result.message, ...(result.problem === undefined ? {} : { unresolved: toProblem(result.problem) }) };
  if ('problem' in result) return { verified: false, message: result.problem.message, unresolved: toProblem(result.problem) };
  throw new Error(result.crashed);
}

/** Stops the worker threads (process exit). */
export async function closeJsonLdPool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
