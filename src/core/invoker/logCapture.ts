// Splits a sandbox's stdout/stderr into lines and caps what one invocation may log.
// Lambda itself truncates oversized log events; we cap per invocation so a stdout flood can't
// exhaust the host's memory, and say so with a visible marker line.

/** Collects the lines of one invocation (or of an init phase) up to a byte cap. */
export class LogSink {
  readonly lines: string[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly capBytes: number, private readonly onLine?: (line: string) => void) {}

  /** Adds one line; past the cap only counts it. A line that crosses the cap keeps the part that fits. */
  add(line: string): void {
    if (this.bytes + line.length + 1 > this.capBytes) {
      const room = this.capBytes - this.bytes - 1;
      // A flood without newlines arrives as a few huge lines: keep its first bytes rather than nothing.
      if (room > 0 && this.dropped === 0) {
        this.dropped += line.length - room;
        line = line.slice(0, room);
      } else {
        this.dropped += line.length + 1;
        return;
      }
    }
    this.bytes += line.length + 1;
    this.lines.push(line);
    this.onLine?.(line);
  }

  /** Appends the truncation marker if anything was dropped; returns the lines. */
  finish(): string[] {
    if (this.dropped > 0) {
      const marker = `[serverless-lab] log output truncated: ${this.dropped} bytes over the ${Math.round(this.capBytes / 1024)} KiB per-invocation cap were dropped`;
      this.lines.push(marker);
      this.onLine?.(marker);
      this.dropped = 0;
    }
    return this.lines;
  }
}

/** Turns stream chunks into whole lines; a partial tail waits for its newline. */
export class LineSplitter {
  private partial = '';
  private partialBytes = 0;

  constructor(private readonly emit: (line: string) => void, private readonly maxLine = 256 * 1024) {}

  /** Feeds a chunk. */
  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      this.emit(this.partial ? this.partial + piece : piece);
      this.partial = '';
      this.partialBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      // A line without newline can be endless (a flood): flush it in slices instead of buffering it.
      this.partial += chunk.slice(start);
      this.partialBytes += chunk.length - start;
      if (this.partialBytes > this.maxLine) this.flush();
    }
  }

  /** Emits a pending partial line. */
  flush(): void {
    if (this.partial) this.emit(this.partial);
    this.partial = '';
    this.partialBytes = 0;
  }
}
