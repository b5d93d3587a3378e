import { describe, expect, it } from "vitest";
import { answerRows } from "../../worker/domain/public-survey.ts";
import {
  deviceHash,
  deviceIdOf,
  networkHash,
  networkPrefix,
  newDeviceCookie,
  START_TOKEN_MAX_MS,
  sign,
  startedAtOf,
  startToken,
  tooFast,
} from "../../worker/domain/survey-token.ts";

const SECRET = "0f".repeat(32);
const OTHER = "a1".repeat(32);
const NOW = Date.parse("2026-12-01T08:00:00Z");

describe("device cookie", () => {
  it("names a random device and verifies under the key that signed it", async () => {
    const first = await newDeviceCookie(SECRET);
    const second = await newDeviceCookie(SECRET);
    expect(first.deviceId).not.toBe(second.deviceId);
    expect(first.value.startsWith(`${first.deviceId}.`)).toBe(true);
    expect(await deviceIdOf(SECRET, first.value)).toBe(first.deviceId);
  });

  it("is refused when missing, forged, re-signed under another key or carrying extra parts", async () => {
    const { deviceId, value } = await newDeviceCookie(SECRET);
    expect(await deviceIdOf(SECRET, undefined)).toBeNull();
    expect(await deviceIdOf(SECRET, "")).toBeNull();
    expect(await deviceIdOf(SECRET, `other-id.${value.split(".")[1]}`)).toBeNull();
    expect(await deviceIdOf(SECRET, `${deviceId}.${await sign(OTHER, `device:${deviceId}`)}`)).toBeNull();
    expect(await deviceIdOf(SECRET, `${value}.x`)).toBeNull();
  });

  it("is stored only as a digest of its id", async () => {
    const { deviceId } = await newDeviceCookie(SECRET);
    const hash = await deviceHash(deviceId);
    expect(hash).not.toContain(deviceId);
    expect(hash).toBe(await deviceHash(deviceId));
    expect(hash).not.toBe(await deviceHash(`${deviceId}x`));
  });
});

describe("start token", () => {
  it("gives back the start time for the same application and device", async () => {
    const token = await startToken(SECRET, "app-1", "dev-1", NOW - 60_000);
    expect(await startedAtOf(SECRET, token, "app-1", "dev-1", NOW)).toBe(NOW - 60_000);
  });

  it("is refused for another application or device, an edited time, a future or stale time, or junk", async () => {
    const token = await startToken(SECRET, "app-1", "dev-1", NOW - 60_000);
    expect(await startedAtOf(SECRET, token, "app-2", "dev-1", NOW)).toBeNull();
    expect(await startedAtOf(SECRET, token, "app-1", "dev-2", NOW)).toBeNull();
    const signature = token.split(".")[1];
    expect(await startedAtOf(SECRET, `${NOW - 600_000}.${signature}`, "app-1", "dev-1", NOW)).toBeNull();
    const future = await startToken(SECRET, "app-1", "dev-1", NOW + 1000);
    expect(await startedAtOf(SECRET, future, "app-1", "dev-1", NOW)).toBeNull();
    const stale = await startToken(SECRET, "app-1", "dev-1", NOW - START_TOKEN_MAX_MS - 1);
    expect(await startedAtOf(SECRET, stale, "app-1", "dev-1", NOW)).toBeNull();
    expect(await startedAtOf(SECRET, "not-a-token", "app-1", "dev-1", NOW)).toBeNull();
    expect(await startedAtOf(OTHER, token, "app-1", "dev-1", NOW)).toBeNull();
  });
});

describe("time to complete", () => {
  it("needs two seconds per answer and five seconds at least", () => {
    expect(tooFast(4, 1)).toBe(true);
    expect(tooFast(5, 1)).toBe(false);
    expect(tooFast(11, 6)).toBe(true);
    expect(tooFast(12, 6)).toBe(false);
  });
});

describe("network of an address", () => {
  it("keeps an IPv4 /24 and an IPv6 /48, whatever the spelling", () => {
    expect(networkPrefix("203.0.113.77")).toBe("203.0.113.0/24");
    expect(networkPrefix("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(networkPrefix("2001:0db8:abcd:0012:0000:0000:0000:0001")).toBe("2001:db8:abcd::/48");
    expect(networkPrefix("::1")).toBe("0:0:0::/48");
  });

  it("is none for what is no address", () => {
    for (const text of ["", "300.1.1.1", "1.2.3", "2001:db8::1::2", "hello", "1:2:3:4:5:6:7:8:9"]) {
      expect(networkPrefix(text)).toBeNull();
    }
  });

  it("is stored as a keyed hash: neighbours share it, other networks and other keys do not, no address shows", async () => {
    const hash = await networkHash(SECRET, "203.0.113.77");
    expect(await networkHash(SECRET, "203.0.113.5")).toBe(hash);
    expect(await networkHash(SECRET, "203.0.114.77")).not.toBe(hash);
    expect(await networkHash(OTHER, "203.0.113.77")).not.toBe(hash);
    expect(hash).not.toMatch(/203|113/);
  });
});

describe("answers of a respondent", () => {
  const options = [{ value: 1 }, { value: 0.6 }, { value: 0 }];
  const questions = [
    { id: "q1", itemCode: "S1", audience: "staff" as const, options },
    { id: "q2", itemCode: "S1", audience: "staff" as const, options },
    { id: "q3", itemCode: "S2", audience: "public" as const, options },
  ];

  it("stores the chosen option's value for every question of the chosen audience", () => {
    expect(
      answerRows(questions, "staff", [
        { questionId: "q1", option: 0 },
        { questionId: "q2", option: 1 },
      ]),
    ).toEqual({
      rows: [
        { questionId: "q1", itemCode: "S1", value: 1 },
        { questionId: "q2", itemCode: "S1", value: 0.6 },
      ],
    });
  });

  it("names the fields when a question is missing, repeated, of the other audience or given an unknown option", () => {
    const problems = (given: Array<{ questionId: string; option: number }>) => {
      const result = answerRows(questions, "staff", given);
      return "problems" in result ? Object.keys(result.problems) : [];
    };
    expect(problems([{ questionId: "q1", option: 0 }])).toEqual(["answers"]);
    expect(
      problems([
        { questionId: "q1", option: 0 },
        { questionId: "q1", option: 1 },
        { questionId: "q2", option: 0 },
      ]),
    ).toEqual(["answers.1.questionId"]);
    expect(
      problems([
        { questionId: "q1", option: 0 },
        { questionId: "q2", option: 0 },
        { questionId: "q3", option: 0 },
      ]),
    ).toEqual(["answers.2.questionId"]);
    expect(
      problems([
        { questionId: "q1", option: 3 },
        { questionId: "q2", option: 0 },
      ]),
    ).toEqual(["answers.0.option"]);
  });
});
