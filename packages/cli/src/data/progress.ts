// A progress bar on stderr for long loads; a plain line per 10% when stderr is not a terminal (CI logs).
export class Progress {
  private lastPrinted = -1;
  private readonly started = performance.now();
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number): void {
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const rate = (done / Math.max(1, performance.now() - this.started)) * 1000;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.stream.write(
        `\r${this.label} [${'█'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${this.total} (${rate.toFixed(0)}/s)`,
      );
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === this.lastPrinted) return;
      this.lastPrinted = decile;
      this.stream.write(`${this.label}: ${decile * 10}% (${done}/${this.total}, ${rate.toFixed(0)}/s)\n`);
    }
  }

  done(done: number): void {
    this.update(done);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
