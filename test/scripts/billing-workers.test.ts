// Specification of how the billing report shares files among worker threads (readInWorkers in
// scripts/lib/billing/report.ts), with a stand-in thread script: results in file order, and every way a thread
// can fail rejects the report with the file named.
import * as path from 'node:path';
import { readInWorkers, type WorkerSetup } from '../../scripts/lib/billing/report';

const ENTRY = path.join(__dirname, '..', 'support', 'billing-test-worker.cjs');

/**
 * Runs readInWorkers over `files` with the stand-in thread: the files in the order their results were handed
 * on, and the thread that read each (each thread start costs about 75 ms of CPU, so the specs share runs).
 */
async function handedOn(files: string[], jobs: number, data: { delays?: Record<string, number>; failure?: { file: string; how: string } }) {
  const order: string[] = [];
  const threads: string[] = [];
  await readInWorkers(data as unknown as WorkerSetup, files, jobs, (result) => {
    order.push(result.file);
    threads.push(result.problems[0].reason);
  }, ENTRY);
  return { order, threads };
}

const FILES = ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv'];

describe('three jobs, the first file slowest', () => {
  let run: Awaited<ReturnType<typeof handedOn>>;
  beforeAll(async () => {
    run = await handedOn(FILES, 3, { delays: { 'a.csv': 100 } });
  }, 30_000);

  test('hands results on in file order, whichever thread finishes first', () => {
    expect(run.order).toEqual(FILES);
  });

  test('starts one thread per job and hands every file to one of them, once', () => {
    expect(run.threads).toHaveLength(FILES.length);
    expect(new Set(run.threads).size).toBe(3);
  });
});

test('hands results on in file order with two jobs and mixed delays, and with one job', async () => {
  expect((await handedOn(FILES, 2, { delays: { 'a.csv': 150, 'b.csv': 0, 'c.csv': 50 } })).order).toEqual(FILES);
  expect((await handedOn(['a.csv'], 1, {})).order).toEqual(['a.csv']);
}, 30_000);

test('rejects when handing a result on throws, instead of ending the process', async () => {
  const onResult = () => {
    throw new Error('merge failed');
  };
  await expect(readInWorkers({} as WorkerSetup, ['a.csv', 'b.csv'], 2, onResult, ENTRY)).rejects.toThrow(new Error('merge failed'));
}, 30_000);

test.each([
  ['throw', 'thrown on b.csv'],
  ['exit', 'a billing-report worker thread exited with code 3'],
  ['post', 'reading b.csv: cannot read b.csv'],
])('rejects when a thread fails (%s)', async (how, message) => {
  await expect(handedOn(['a.csv', 'b.csv', 'c.csv'], 2, { failure: { file: 'b.csv', how } })).rejects.toThrow(new Error(message));
}, 30_000);
