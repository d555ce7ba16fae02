// Issue #15's reproduction at scale: one file past 125,000 rows crashed with "Maximum call stack size exceeded".
// Kept out of the billing mutation group (mutation-groups.cjs): it pins no behaviour the small specs do not, and
// every mutant run would pay for its 130,000 rows.
import { LEGACY_COLUMNS, buildReport } from '../../scripts/lib/billable-usage';
import { scratchFolders } from '../support/scratch-folders';

const folderWith = scratchFolders('usage-scale-');

test('a file of 130,000 rows is counted without overflowing the call stack', async () => {
  // The shortest valid legacy row (no tags, nothing but what is summed): the row count is what matters, not its bytes.
  const row = '1,2025-01-01T00:00:00Z,c,n,m,u,,JOBS,0.1,1,u,';
  const report = await buildReport(folderWith({ 'f.csv': [LEGACY_COLUMNS.join(','), ...Array.from({ length: 130_000 }, () => row)].join('\n') }));
  expect(report.problems).toEqual([]);
  expect(report.totals).toEqual({ dbus: 13000, machineHours: 130000, records: 130000, files: 1 });
}, 60_000); // about 4.5 MB: two seconds of CPU, more on a shared machine
