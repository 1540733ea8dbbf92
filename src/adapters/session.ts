/** The active user's address, as Google gives it: blank where it does not (simple triggers, consumer accounts). */
export function activeUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}
