/**
 * Measures every item once per round, `runs` rounds (a, b, c, a, b, c, ...), and returns each item's
 * measurements in round order. Measuring an item's runs back to back lets a slow spell of a shared host
 * fall on all of them; in rounds, a spell shorter than one round costs each item at most one sample,
 * which the median drops.
 */
export function inRounds<T, M>(items: readonly T[], runs: number, measure: (item: T, round: number) => M): M[][] {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`inRounds: runs must be a positive integer, got ${runs}`);
  const results = items.map((): M[] => []);
  for (let round = 1; round <= runs; round += 1) {
    items.forEach((item, index) => results[index].push(measure(item, round)));
  }
  return results;
}
