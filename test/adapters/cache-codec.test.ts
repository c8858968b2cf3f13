import { describe, expect, it } from "@jest/globals";
import { crc32ForTests } from "../../src/adapters/cache-codec.js";

describe("cache codec", () => {
  it("computes the same CRC-32 natively and in JavaScript", () => {
    const samples = [Buffer.alloc(0), Buffer.from("123456789"), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff))];
    expect(crc32ForTests.portable(Buffer.from("123456789"))).toBe(0xcbf43926); // the standard check value
    for (const sample of samples) expect(crc32ForTests.portable(sample)).toBe(crc32ForTests.native(sample));
  });
});
