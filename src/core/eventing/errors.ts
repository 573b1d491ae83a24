// Engine errors carry the AWS error code of the matching API, so the endpoint can answer in each
// protocol's own error shape and the CLI/views can show the same code AWS would.

/** An error the engine reports to a caller, with AWS's error code (e.g. `QueueDoesNotExist`). */
export class EngineError extends Error {
  constructor(readonly code: string, message: string, readonly sender = true) {
    super(message);
    this.name = code;
  }
}

/** Throws InvalidParameterValue unless `value` is an integer within [min, max]. */
export function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EngineError('InvalidParameterValue', `Value ${value} for parameter ${name} is invalid. Reason: must be an integer from ${min} to ${max}.`);
  }
  return value;
}
