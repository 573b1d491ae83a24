// Answers GET /debug/info with what the function knows about its own invocation:
// { requestId, functionName, memoryMb, remainingMs }.
// The event says what happened; the context says about this invocation and this function.
exports.handler = async (event, context) => {
  return {
    requestId: context.awsRequestId,
    functionName: context.functionName,
    memoryMb: Number(context.memoryLimitInMB), // a string in the Node.js context object
    remainingMs: context.getRemainingTimeInMillis(),
  };
};
