import { describe, expect, it } from "@jest/globals";
import { normaliseFoldName, pairedLift } from "../../../src/core/evidence/paired-lift.js";

const at = { file: "f.json", line: 1, column: 1 };
const folds = (values: Record<string, number>) => Object.entries(values).map(([name, plcc]) => ({ name, plcc, source: at }));

describe("pairedLift", () => {
  it("pairs folds by normalised name and computes mean, sample sd and a Student t interval", () => {
    const model = folds({ Alpine_30fps: 0.97, Harbour_25fps: 0.98, Meadow_24fps: 0.96, Quarry_25fps: 0.99 });
    const baseline = folds({ alpine: 0.96, "**Harbour**": 0.97, Meadow: 0.95, Quarry: 0.97 });
    const lift = pairedLift(model, baseline)!;
    expect(lift.n).toBe(4);
    // Differences 0.01, 0.01, 0.01, 0.02: mean 0.0125, sd 0.005, t(0.975, 3) = 3.182446.
    expect(lift.meanLift).toBeCloseTo(0.0125, 10);
    expect(lift.sd).toBeCloseTo(0.005, 10);
    const half = 3.182446305284263 * (0.005 / 2);
    expect(lift.interval![0]).toBeCloseTo(0.0125 - half, 8);
    expect(lift.interval![1]).toBeCloseTo(0.0125 + half, 8);
    expect(lift.distinguishableFromZero).toBe(true);
  });

  it("says a lift whose interval spans zero is not distinguishable from zero", () => {
    const lift = pairedLift(folds({ a: 0.97, b: 0.95, c: 0.99 }), folds({ a: 0.96, b: 0.97, c: 0.97 }))!;
    expect(lift.meanLift).toBeCloseTo(0.01 / 3, 10);
    expect(lift.interval![0]).toBeLessThan(0);
    expect(lift.distinguishableFromZero).toBe(false);
  });

  it("returns no interval for a single shared fold and null for none", () => {
    expect(pairedLift(folds({ a: 0.97 }), folds({ a: 0.96, b: 0.9 }))).toMatchObject({ n: 1, interval: null, distinguishableFromZero: false });
    expect(pairedLift(folds({ a: 0.97 }), folds({ z: 0.96 }))).toBeNull();
  });

  it("normalises fold names written in different digests", () => {
    expect(normaliseFoldName("**FoxBird_25fps**")).toBe("foxbird");
    expect(normaliseFoldName("Tennis_24fps")).toBe("tennis");
    expect(normaliseFoldName("3")).toBe("3");
  });
});
