/** A billing-report worker thread: reads the files it is sent, one at a time, and posts each file's sums back. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadListPrices } from './prices';
import { readUsageFile } from './read-file';
import type { WorkerSetup } from './report';

const setup = workerData as WorkerSetup;
const prices = setup.listPrices ? loadListPrices(setup.listPrices.path, setup.listPrices.name) : Promise.resolve(undefined);

parentPort?.on('message', ({ index, file }: { index: number; file: string }) => {
  prices
    .then((list) => readUsageFile(setup.folder, file, { by: setup.by, workspaceMap: setup.workspaceMap, prices: list }))
    .then((result) => parentPort?.postMessage({ index, result }))
    .catch((error: unknown) => parentPort?.postMessage({ index, error: error instanceof Error ? error.stack ?? error.message : String(error) }));
});
