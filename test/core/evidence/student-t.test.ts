import { describe, expect, it } from "@jest/globals";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { studentTQuantile } from "../../../src/core/evidence/student-t.js";

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("studentTQuantile", () => {
  it.each([
    [1, 12.7062047],
    [2, 4.30265273],
    [3, 3.18244631],
    [4, 2.77644511],
    [5, 2.57058184],
    [8, 2.30600414],
    [9, 2.26215716],
    [10, 2.22813885],
    [30, 2.04227246],
    [100, 1.98397152],
  ])("matches the textbook 0.975 quantile for df %d", (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 7);
  });

  it.each([1, 2, 2.5, 7, 1000])("is 0 at p = 0.5 for df %d", (df) => {
    expect(studentTQuantile(0.5, df)).toBe(0);
  });

  it("is symmetric: q(1 - p) = -q(p)", () => {
    for (const df of [1, 2.5, 4, 30, 500]) {
      for (const p of [0.001, 0.05, 0.3, 0.45]) {
        expect(relativeError(studentTQuantile(1 - p, df), -studentTQuantile(p, df))).toBeLessThan(1e-12);
      }
    }
  });

  it("equals tan(pi (p - 1/2)) at df = 1 (the Cauchy distribution)", () => {
    for (const p of [1e-6, 0.001, 0.1, 0.25, 0.4, 0.49, 0.51, 0.75, 0.9, 0.999]) {
      expect(relativeError(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-9);
    }
  });

  it("equals (2p - 1) / √(2p(1 - p)) at df = 2, far into the tails", () => {
    for (const p of [1e-300, 1e-20, 1e-6, 0.025, 0.4, 0.975]) {
      expect(relativeError(studentTQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
    }
  });

  it("keeps full precision at large df, where x = df/(df+t²) is close to 1", () => {
    const misses = [1e4, 1e5, 1e6, 1e7].flatMap((df) =>
      [1e-10, 0.025, 0.3, 0.975].map((p) => ({ p, df, error: relativeError(studentTQuantile(p, df), tQuantile(p, df)) })).filter(({ error }) => !(error < 1e-12)),
    );
    expect(misses).toEqual([]);
  });

  it("returns infinities at p = 0 and 1 and NaN for invalid input", () => {
    expect(studentTQuantile(0, 5)).toBe(-Infinity);
    expect(studentTQuantile(1, 5)).toBe(Infinity);
    for (const [p, df] of [
      [-0.1, 5],
      [1.1, 5],
      [Number.NaN, 5],
      [0.9, 0],
      [0.9, -3],
      [0.9, Number.NaN],
      [0.9, Infinity],
    ]) {
      expect(studentTQuantile(p, df)).toBeNaN();
    }
  });

  it("agrees with @stdlib to 1e-9 relative over a grid of p and df", () => {
    const ps = [0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.7, 0.9, 0.95, 0.975, 0.99, 0.999];
    const dfs = [1, 2, 3, 5, 7, 10, 20, 50, 200, 1000, 2.5];
    // Listing the misses names the failing (p, df) instead of only the first bad number.
    const misses = dfs.flatMap((df) =>
      ps.map((p) => ({ p, df, error: relativeError(studentTQuantile(p, df), tQuantile(p, df)) })).filter(({ error }) => !(error < 1e-9)),
    );
    expect(misses).toEqual([]);
  });

  it("agrees with @stdlib for every integer df from 1 to 10000 at the 0.975 quantile", () => {
    const misses: Array<{ df: number; error: number }> = [];
    for (let df = 1; df <= 10000; df++) {
      const error = relativeError(studentTQuantile(0.975, df), tQuantile(0.975, df));
      if (!(error < 1e-9)) misses.push({ df, error });
    }
    expect(misses).toEqual([]);
  });
});
