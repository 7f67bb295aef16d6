// Preloaded into serverless-offline (node --import): it runs in a process group of its own, which a
// runtime killed with SIGKILL cannot take down with it. Once the runtime that started it (its
// JOURNEY_OWNER_PID) is gone, the whole group goes too, so no orphan keeps its ports and connections.
const owner = Number(process.env.JOURNEY_OWNER_PID);
if (Number.isInteger(owner) && owner > 0) {
  setInterval(() => {
    try {
      process.kill(owner, 0);
    } catch {
      try {
        process.kill(-process.pid, 'SIGKILL');
      } catch {
        process.exit(1);
      }
    }
  }, 1_000).unref();
}
