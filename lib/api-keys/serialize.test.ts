import { describe, expect, it } from "vitest";
import type { ApiKeyRow } from "@/lib/api-keys/create-api-key";
import { tokenPreview } from "@/lib/api-keys/create-api-key";
import { ApiKey, NewApiKey } from "@/lib/api-keys/schemas";
import { toApiKey, toNewApiKey } from "@/lib/api-keys/serialize";

const token = "scapp_0123456789abcdefghijklmnopqrstuvwxyzABCD";
const row: ApiKeyRow = {
  id: "01900000-0000-7000-8000-000000000001",
  kind: "app",
  workspaceId: "01900000-0000-7000-8000-000000000002",
  appId: "01900000-0000-7000-8000-000000000003",
  nickname: "CI",
  tokenHash: "f".repeat(64),
  tokenPreview: tokenPreview(token),
  tokenEncrypted: null,
  lastUsedAt: null,
  revokedAt: null,
  createdAt: new Date("2026-01-02T03:04:05Z"),
  updatedAt: new Date("2026-01-02T03:04:05Z"),
};

describe("API key serializers", () => {
  it("show a preview, never the hash or the token", () => {
    const out = toApiKey(row);
    expect(out).toEqual({
      id: row.id,
      nickname: "CI",
      token_preview: "scapp_…ABCD",
      last_used_at: null,
      created_at: "2026-01-02T03:04:05.000Z",
    });
    expect(JSON.stringify(out)).not.toContain(row.tokenHash);
    expect(ApiKey.parse(out)).toEqual(out);
  });

  it("include the token only in the create shape", () => {
    const out = toNewApiKey({ ...row, lastUsedAt: new Date() }, token);
    expect(out).toEqual({ id: row.id, nickname: "CI", token, token_preview: "scapp_…ABCD", created_at: "2026-01-02T03:04:05.000Z" });
    expect(NewApiKey.parse(out)).toEqual(out);
  });
});
