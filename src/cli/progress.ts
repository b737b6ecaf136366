/** A one-line progress display on stderr (files and pages done), only when stderr is a terminal. */
export class Progress {
  private filesDone = 0;
  private pagesDone = 0;
  private shown = false;

  constructor(private readonly files: number, private readonly enabled: boolean) {}

  page(file: string, page: number, pages: number): void {
    this.pagesDone++;
    this.render(`${file} page ${page}/${pages}`);
  }

  fileDone(): void {
    this.filesDone++;
    this.render('');
  }

  clear(): void {
    if (this.enabled && this.shown) process.stderr.write('\r\x1b[2K');
    this.shown = false;
  }

  private render(detail: string): void {
    if (!this.enabled) return;
    const line = `[${this.filesDone}/${this.files} files, ${this.pagesDone} pages] ${detail}`;
    const width = process.stderr.columns ?? 100;
    process.stderr.write('\r\x1b[2K' + line.slice(0, Math.max(10, width - 1)));
    this.shown = true;
  }
}
