import cliProgress from 'cli-progress';

/**
 * A progress bar on a terminal; plain periodic lines when output is piped (CI logs), so long work
 * always shows that it moves.
 */
export function progressBar(label: string) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% {value}/{total} {phase}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done: number, total: number, phase = '') {
        if (!started) {
          bar.start(total, 0, { phase });
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, { phase });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = 0;
  return {
    update(done: number, total: number, phase = '') {
      const now = Date.now();
      if (done === total || now - lastPrinted > 1_000) {
        lastPrinted = now;
        process.stderr.write(`${label}: ${done}/${total} ${phase}\n`);
      }
    },
    stop() {},
  };
}
