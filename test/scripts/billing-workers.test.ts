// Specification of how the billing report shares files among worker threads (readInWorkers in
// scripts/lib/billing/report.ts), with a stand-in thread script: results in file order, and every way a thread
// can fail rejects the report with the file named.
import * as path from 'node:path';
import { readInWorkers, type WorkerSetup } from '../../scripts/lib/billing/report';

const ENTRY = path.join(__dirname, '..', 'support', 'billing-test-worker.cjs');

/** Runs readInWorkers over `files` with the stand-in thread; the files in the order their results were handed on. */
async function handedOn(files: string[], jobs: number, data: { delays?: Record<string, number>; failure?: { file: string; how: string } }) {
  const order: string[] = [];
  await readInWorkers(data as unknown as WorkerSetup, files, jobs, (result) => order.push(result.file), ENTRY);
  return order;
}

test('hands results on in file order, whichever thread finishes first', async () => {
  const files = ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv'];
  expect(await handedOn(files, 2, { delays: { 'a.csv': 150, 'b.csv': 0, 'c.csv': 50 } })).toEqual(files);
  expect(await handedOn(files, 3, { delays: { 'e.csv': 100 } })).toEqual(files);
  expect(await handedOn(['a.csv'], 1, {})).toEqual(['a.csv']);
}, 30_000);

test('starts one thread per job and hands every file to one of them, once', async () => {
  const threads: string[] = [];
  const files = ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv'];
  await readInWorkers({ delays: { 'a.csv': 100 } } as unknown as WorkerSetup, files, 3, (result) => threads.push(result.problems[0].reason), ENTRY);
  expect(threads).toHaveLength(files.length);
  expect(new Set(threads).size).toBe(3);
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
