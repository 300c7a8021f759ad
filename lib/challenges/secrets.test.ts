import { describe, expect, it } from "vitest";
import {
  codeMatches,
  hashChallengeCode,
  hashChallengeToken,
  looksLikeChallengeToken,
  newChallengeToken,
  newNumericCode,
} from "@/lib/challenges/secrets";
import { sha256Hex } from "@/lib/crypto";
import { newId } from "@/lib/ids";

describe("challenge secrets", () => {
  it("makes tokens of ch_ + 32 url-safe characters, all different", () => {
    const tokens = new Set(Array.from({ length: 200 }, newChallengeToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^ch_[A-Za-z0-9_-]{32}$/);
      expect(looksLikeChallengeToken(token)).toBe(true);
    }
    expect(hashChallengeToken("ch_x")).toBe(sha256Hex("ch_x"));
  });

  it("recognises token shapes without a lookup", () => {
    for (const s of ["", "ch_", "ch_short", `ch_${"a".repeat(23)}`, `xx_${"a".repeat(32)}`, `ch_${"a".repeat(31)}/`, `ch_${"a".repeat(129)}`]) {
      expect(looksLikeChallengeToken(s), s).toBe(false);
    }
  });

  it("draws codes of the asked length from all ten digits", () => {
    for (const length of [4, 6, 8, 10]) expect(newNumericCode(length)).toMatch(new RegExp(`^\\d{${length}}$`));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 2000; i++) for (const d of newNumericCode(6)) counts[Number(d)]++;
    // 12,000 digits: each should appear ~1,200 times; a biased or constant source would not.
    for (const c of counts) expect(c).toBeGreaterThan(950);
    expect(() => newNumericCode(3)).toThrow();
    expect(() => newNumericCode(33)).toThrow();
  });

  it("hashes codes with a keyed HMAC bound to the challenge id", () => {
    const a = newId();
    const b = newId();
    const h = hashChallengeCode(a, "123456");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(hashChallengeCode(a, "123456"));
    expect(h).not.toBe(hashChallengeCode(b, "123456"));
    expect(h).not.toBe(sha256Hex("123456"));
    expect(h).not.toBe(sha256Hex(`${a}\u0000123456`));
  });

  it("matches only the exact, well-formed code", () => {
    const id = newId();
    const hash = hashChallengeCode(id, "012345");
    expect(codeMatches(id, hash, "012345")).toBe(true);
    for (const wrong of ["12345", "0123456", "012346", " 012345", "012345\n", "０１２３４５", "", "x".repeat(100_000)]) {
      expect(codeMatches(id, hash, wrong), JSON.stringify(wrong.slice(0, 10))).toBe(false);
    }
    expect(codeMatches(newId(), hash, "012345")).toBe(false);
    expect(codeMatches(id, null, "012345")).toBe(false);
  });
});
