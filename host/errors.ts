/** Errors shaped like Apps Script's: `name` is `Exception`, so `String(e)` reads `Exception: …`. */
export function gasError(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}

/** Google's wording when an execution lacks the authorization a call needs. */
export function permissionError(method: string, scope?: string): Error {
  const suffix = scope ? `. Required permissions: ${scope}` : '';
  return gasError(`You do not have permission to call ${method}${suffix}`);
}

export const SCOPES = {
  spreadsheet: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  ui: 'https://www.googleapis.com/auth/script.container.ui',
  scriptapp: 'https://www.googleapis.com/auth/script.scriptapp',
  mail: 'https://www.googleapis.com/auth/script.send_mail',
  email: 'https://www.googleapis.com/auth/userinfo.email',
} as const;
