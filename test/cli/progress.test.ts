import { describe, expect, it } from "vitest";
import { Progress } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe("progress line", () => {
  it("stays silent off a terminal and during the first second", () => {
    const pipe = fakeStream(false);
    const p1 = new Progress(pipe.stream, 0);
    p1.update(1, 10);
    p1.done();
    expect(pipe.writes).toEqual([]);
    const tty = fakeStream(true);
    const p2 = new Progress(tty.stream, 60_000);
    p2.update(1, 10);
    p2.done();
    expect(tty.writes).toEqual([]);
  });
  it("draws on a terminal after the delay and clears the line at the end", () => {
    const tty = fakeStream(true);
    const progress = new Progress(tty.stream, 0);
    progress.update(3, 10);
    progress.done();
    expect(tty.writes[0]).toMatch(/^\r\u001b\[2Khacolint: 3\/10 files \(\d+ files\/s\)$/);
    expect(tty.writes.at(-1)).toBe("\r\u001b[2K");
  });
});
