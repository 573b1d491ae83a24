// Shared by the Node bootstrap and the host: the stdout/stderr line that means "all output of this
// invocation is ahead of me in the pipe". Never shown as a log line.

/** Prefix of a flush marker line; the request id follows. */
export const FLUSH_MARKER = '\u0000SL-FLUSH:';
