// Request bodies for the loopback servers (event endpoint, BaaS): read whole, but never past a limit.
import type * as http from 'node:http';

/** Reads a request body up to `maxBytes`; past it, destroys the request and rejects with `tooLarge()`. */
export function readLimitedBody(req: http.IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(tooLarge());
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
