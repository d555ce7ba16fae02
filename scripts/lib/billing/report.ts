/**
 * Builds the billing report from a folder of usage CSV files: lists them, streams each one (in worker threads
 * when `jobs` > 1, one file per thread at a time) and merges the per-file sums in file order.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ReportBuilder, type UsageReport } from './aggregate';
import { listUsageFiles } from './files';
import { loadListPrices } from './prices';
import { DIMENSIONS, readUsageFile, type Dimension, type FileResult, type WorkspaceMap } from './read-file';

export interface ReportOptions {
  readonly by?: readonly Dimension[];
  readonly workspaceMap?: WorkspaceMap;
  /** A CSV export of system.billing.list_prices: adds a list cost per group. `name` is how messages call it. */
  readonly listPrices?: { readonly path: string; readonly name: string };
  /** Files read at the same time, each in its own worker thread; 1 reads them one by one in this thread. */
  readonly jobs?: number;
  /** Decimals of the rounded sums (JSON keeps 6, the table 2). */
  readonly decimals?: number;
}

/** What a worker thread needs to read files: plain data only (it loads the price list itself). */
export interface WorkerSetup {
  readonly folder: string;
  readonly by: readonly Dimension[];
  readonly workspaceMap?: WorkspaceMap;
  readonly listPrices?: { readonly path: string; readonly name: string };
}

export async function buildReport(folder: string, options: ReportOptions = {}): Promise<UsageReport> {
  const by = options.by ?? DIMENSIONS;
  const listing = listUsageFiles(folder);
  const prices = options.listPrices ? await loadListPrices(options.listPrices.path, options.listPrices.name) : undefined;
  const builder = new ReportBuilder(by, prices?.currency);
  for (const problem of listing.problems) builder.refuseUnread(problem);
  const setup: WorkerSetup = { folder, by, workspaceMap: options.workspaceMap, listPrices: options.listPrices };
  // Stryker disable next-line all: one thread or several read the same report (the specs assert it); only the time differs.
  const jobs = Math.min(options.jobs ?? 1, listing.files.length);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: as above.
  if (jobs > 1) {
    await readInWorkers(setup, listing.files, jobs, (result) => builder.addFile(result));
  } else {
    for (const file of listing.files) builder.addFile(await readUsageFile(folder, file, { by, workspaceMap: options.workspaceMap, prices }));
  }
  return builder.build(options.decimals);
}

/** Loaded by each worker thread: registers the TypeScript loader, then runs worker.ts. */
const WORKER_ENTRY = join(__dirname, 'worker.cjs');

/**
 * Hands out files one at a time to `jobs` threads; results are passed on in file order. `entry` is the thread's
 * script: worker.cjs, or in tests one that fails on purpose.
 */
export function readInWorkers(
  setup: WorkerSetup, files: string[], jobs: number, onResult: (result: FileResult) => void, entry = WORKER_ENTRY,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done: (FileResult | undefined)[] = [];
    let next = 0;
    let flushed = 0;
    const workers: Worker[] = [];
    const stopped = new Map<Worker, Promise<number>>();
    const stop = (worker: Worker) => {
      // Stryker disable next-line ConditionalExpression: terminating a stopped thread again changes nothing observable.
      if (!stopped.has(worker)) stopped.set(worker, worker.terminate());
    };
    // Settle only once every thread has ended, so nothing outlives the report.
    const finish = (settle: () => void) => {
      for (const worker of workers) stop(worker);
      void Promise.allSettled(stopped.values()).then(settle);
    };
    const fail = (error: unknown) => finish(() => reject(error));
    const dispatch = (worker: Worker) => {
      if (next < files.length) {
        worker.postMessage({ index: next, file: files[next] });
        next += 1;
      } else {
        stop(worker);
      }
    };
    for (let i = 0; i < jobs; i += 1) {
      const worker = new Worker(entry, { workerData: setup });
      workers.push(worker);
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!stopped.has(worker)) fail(new Error(`a billing-report worker thread exited with code ${code}`));
      });
      worker.on('message', (message: { index: number; result?: FileResult; error?: string }) => {
        if (message.error !== undefined) {
          fail(new Error(`reading ${files[message.index]}: ${message.error}`));
          return;
        }
        done[message.index] = message.result;
        try {
          while (flushed < files.length && done[flushed]) {
            onResult(done[flushed] as FileResult);
            // Stryker disable next-line all: frees the result handed on; only memory differs.
            done[flushed] = undefined;
            flushed += 1;
          }
          if (flushed === files.length) {
            finish(resolve);
          } else {
            dispatch(worker);
          }
        } catch (error) {
          // Thrown in an event handler it would be an uncaught exception that ends the process.
          fail(error);
        }
      });
      dispatch(worker);
    }
  });
}
