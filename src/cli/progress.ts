// A progress line on stderr, only on a terminal and only once a run has taken over a second, so
// quick runs and CI logs stay clean.
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, private readonly delayMs = 1000) {}

  update(done: number, total: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.started < this.delayMs || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    const rate = done / (Math.max(now - this.started, 1) / 1000);
    this.stream.write(`\r\u001b[2Khacolint: ${done}/${total} files (${Math.round(rate)} files/s)`);
  }

  done(): void {
    if (this.shown) this.stream.write("\r\u001b[2K");
  }
}
