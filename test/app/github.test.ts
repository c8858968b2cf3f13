import { describe, expect, it } from "@jest/globals";
import { isOwnComment, secondaryRateLimitDelay } from "../../src/adapters/github.js";

describe("secondaryRateLimitDelay", () => {
  it.each([
    [{ status: 403, response: { headers: { "retry-after": "7" } } }, 7],
    [{ status: 429, response: { headers: { "retry-after": "0" } } }, 0],
    [{ status: 403, message: "You have exceeded a secondary rate limit" }, 60],
    [{ status: 403, message: "Resource not accessible by integration" }, undefined],
    [{ status: 500, response: { headers: { "retry-after": "1" } } }, undefined],
  ])("%j -> %p", (error, expected) => {
    expect(secondaryRateLimitDelay(error)).toBe(expected);
  });
});

describe("isOwnComment", () => {
  const app = { id: 42, slug: "research-governance" };
  it.each([
    [{ id: 1, user: { login: "research-governance[bot]", type: "Bot" } }, true],
    [{ id: 1, user: { login: "someone", type: "User" }, performed_via_github_app: { id: 42 } }, true],
    [{ id: 1, user: { login: "research-governance[bot]", type: "User" } }, false],
    [{ id: 1, user: { login: "other-app[bot]", type: "Bot" }, performed_via_github_app: { id: 7 } }, false],
    [{ id: 1, user: null }, false],
  ])("%j -> %p", (comment, expected) => {
    expect(isOwnComment(comment, app)).toBe(expected);
  });
});
