// Shows which code runs once per execution environment (Init) and which runs on every invocation.
const startedAt = new Date().toISOString(); // Init: once per environment (cold start)
let invocations = 0;                        // Init: once per environment

exports.handler = async () => {             // Invoke: every request
  invocations += 1;                         // 1 on a cold start, then 2, 3... in this environment only
  return { startedAt, invocations };
};
