// Descriptive statistics for per-fold metrics. Documents state the std either as the sample std
// (n - 1 denominator, numpy `ddof=1`, Python `statistics.stdev`) or the population std (n, numpy's
// default), so both are offered and callers decide which to accept.

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function sumOfSquaredDeviations(values: readonly number[]): number {
  const centre = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - centre) ** 2;
  return sum;
}

/** Sample standard deviation (n - 1). NaN for fewer than two values. */
export function sampleStd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  return Math.sqrt(sumOfSquaredDeviations(values) / (values.length - 1));
}

/** Population standard deviation (n). NaN for no values. */
export function populationStd(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return Math.sqrt(sumOfSquaredDeviations(values) / values.length);
}

export function min(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

export function max(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}
