import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answersPerHour,
  BURST_ANSWERS,
  BURST_MINUTES,
  hourOf,
  surveyBursts,
  type TimedResponse,
} from "../../worker/domain/survey-bursts.ts";

const T0 = Date.parse("2026-05-01T08:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const from = (networkHash: string, minutes: number[]): TimedResponse[] =>
  minutes.map((m) => ({ networkHash, createdAt: at(m) }));
const evenly = (n: number, start: number, step: number) => Array.from({ length: n }, (_, i) => start + i * step);

describe("answersPerHour", () => {
  it("counts responses per UTC hour, hours with answers only, oldest first", () => {
    const responses = from("a", [125, 5, 59.9, 60, 61]);
    expect(answersPerHour(responses)).toEqual([
      { hour: "2026-05-01T08:00:00.000Z", answers: 2 },
      { hour: "2026-05-01T09:00:00.000Z", answers: 2 },
      { hour: "2026-05-01T10:00:00.000Z", answers: 1 },
    ]);
    expect(answersPerHour([])).toEqual([]);
  });

  it("an hour's start is the instant rounded down to the hour", () => {
    expect(hourOf("2026-05-01T23:59:59.999Z")).toBe("2026-05-01T23:00:00.000Z");
  });
});

describe("surveyBursts", () => {
  it(`${BURST_ANSWERS} responses from one network within ${BURST_MINUTES} minutes are a burst`, () => {
    const bursts = surveyBursts(from("net-x", evenly(BURST_ANSWERS, 0, BURST_MINUTES / (BURST_ANSWERS - 1))));
    expect(bursts).toEqual([{ network: "网络 1", answers: BURST_ANSWERS, from: at(0), to: at(BURST_MINUTES) }]);
  });

  it("one response fewer, or the same spread a little wider, is no burst", () => {
    expect(surveyBursts(from("n", evenly(BURST_ANSWERS - 1, 0, 1)))).toEqual([]);
    expect(surveyBursts(from("n", evenly(BURST_ANSWERS, 0, BURST_MINUTES / (BURST_ANSWERS - 1) + 0.01)))).toEqual([]);
  });

  it("many networks each answering slowly are no burst, however many answers they give together", () => {
    const responses = Array.from({ length: 40 }, (_, i) => ({ networkHash: `n${i}`, createdAt: at(i * 0.1) }));
    expect(surveyBursts(responses)).toEqual([]);
  });

  it("overlapping runs merge into one burst; a later run of the same network is another burst with the same label", () => {
    const responses = [...from("h1", [...evenly(12, 0, 1), ...evenly(9, 200, 0.5)]), ...from("h2", evenly(8, 100, 1))];
    expect(surveyBursts(responses)).toEqual([
      { network: "网络 1", answers: 12, from: at(0), to: at(11) },
      { network: "网络 2", answers: 8, from: at(100), to: at(107) },
      { network: "网络 1", answers: 9, from: at(200), to: at(204) },
    ]);
  });

  it("labels never carry the network's hash", () => {
    const responses = fc.sample(
      fc.array(
        fc.record({ networkHash: fc.constantFrom("aa11", "bb22"), createdAt: fc.integer({ min: 0, max: 30 }) }),
        {
          minLength: 10,
          maxLength: 60,
        },
      ),
      20,
    );
    for (const sample of responses) {
      const bursts = surveyBursts(sample.map((r) => ({ networkHash: r.networkHash, createdAt: at(r.createdAt) })));
      for (const b of bursts) expect(b.network).toMatch(/^网络 \d+$/);
    }
  });

  it("every response in a burst lies within its span, and any window of 8 within 10 minutes is inside a burst", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ net: fc.constantFrom("a", "b", "c"), minute: fc.integer({ min: 0, max: 120 }) }), {
          maxLength: 80,
        }),
        (sample) => {
          const responses = sample.map((r) => ({ networkHash: r.net, createdAt: at(r.minute) }));
          const bursts = surveyBursts(responses);
          for (const b of bursts) expect(Date.parse(b.to) - Date.parse(b.from)).toBeGreaterThanOrEqual(0);
          // Brute force: each window start with K responses within W minutes lies in some burst of its network.
          for (const net of ["a", "b", "c"]) {
            const times = sample
              .filter((r) => r.net === net)
              .map((r) => r.minute)
              .sort((x, y) => x - y);
            for (let i = 0; i + BURST_ANSWERS - 1 < times.length; i++) {
              const first = times[i] ?? 0;
              const last = times[i + BURST_ANSWERS - 1] ?? 0;
              if (last - first > BURST_MINUTES) continue;
              const inside = bursts.filter(
                (b) => Date.parse(b.from) <= T0 + first * 60_000 && Date.parse(b.to) >= T0 + last * 60_000,
              );
              expect(inside.length).toBeGreaterThan(0);
            }
          }
        },
      ),
    );
  });
});
