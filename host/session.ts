/** Session: the execution's user, the script time zone. */
import { createHash } from 'node:crypto';
import { type Bound, type Execution, instrument } from './exec';

export class UserFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly email: string,
  ) {}

  getEmail(): string {
    return this.email;
  }

  toString(): string {
    return this.email;
  }
}

instrument(UserFake, 'User');

/** No user email without that user's authorization (see SessionFake.getActiveUser). */
export function identityHidden(exec: Execution): boolean {
  return exec.authMode === 'NONE' || exec.authMode === 'CUSTOM_FUNCTION' || exec.authMode === 'LIMITED';
}

export class SessionFake implements Bound {
  constructor(readonly exec: Execution) {}

  /**
   * The user running the script. The email is '' wherever the script runs without that user's
   * authorization: AuthMode.NONE, custom functions and simple triggers (LIMITED). Google's User
   * reference: "the user's email address is not available in any context that allows a script
   * to run without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger, a
   * custom function in Google Sheets…". It names an exception (same Workspace domain); the host
   * takes the conservative reading of a consumer account, where there is none.
   */
  getActiveUser(): UserFake {
    return new UserFake(this.exec, identityHidden(this.exec) ? '' : this.exec.user);
  }

  getEffectiveUser(): UserFake {
    return new UserFake(this.exec, identityHidden(this.exec) ? '' : this.exec.user);
  }

  getScriptTimeZone(): string {
    return this.exec.world.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    return this.exec.world.userLocale;
  }

  /** A stable opaque key per user and script. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`${this.exec.world.scriptId}:${this.exec.user}`)
      .digest('base64url')
      .slice(0, 43);
  }
}

instrument(SessionFake, 'Session');
