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
