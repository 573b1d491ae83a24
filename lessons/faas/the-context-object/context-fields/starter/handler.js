// Answers GET /debug/info with what the function knows about its own invocation:
// { requestId, functionName, memoryMb, remainingMs }.
exports.handler = async (event, context) => {
  return {
    requestId: event.requestId,
    functionName: event.functionName,
    memoryMb: event.memoryMb,
    remainingMs: 3000,
  };
};
