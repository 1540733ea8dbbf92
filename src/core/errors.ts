/** An error a user can act on: its message is shown in the cell, the sidebar or the menu. */
export class PipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineError';
  }
}

export function fail(message: string): never {
  throw new PipelineError(message);
}

/** The message when a metric's arithmetic gives NaN or Infinity (never shown as a number). */
export function notFiniteMessage(name: string): string {
  return `${name} could not compute a finite result from this data; run PIPELINE_CHECK.`;
}
