/** What every adapter tells the user, said once (issue 10: one message per situation, not six). */

/** How long a user-facing action waits for the document lock. */
export const LOCK_WAIT_MS = 10_000;

/** What a user is told when the lock is busy (nothing was written). */
export const LOCKED_MESSAGE =
  'Someone else is saving a change to the pipeline right now. Nothing was written: try again in a moment.';

/** What every action says when there is no deals sheet. */
export const NO_DEALS_SHEET = 'No deals sheet yet: run Pipeline › Set up first.';
