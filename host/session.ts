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

export class SessionFake implements Bound {
  constructor(readonly exec: Execution) {}

  /**
   * The user running the script. The email is '' in AuthMode.NONE and in custom functions
   * (Google returns a blank email where identity is not available).
   */
  getActiveUser(): UserFake {
    const hidden = this.exec.authMode === 'NONE' || this.exec.authMode === 'CUSTOM_FUNCTION';
    return new UserFake(this.exec, hidden ? '' : this.exec.user);
  }

  getEffectiveUser(): UserFake {
    const hidden = this.exec.authMode === 'NONE' || this.exec.authMode === 'CUSTOM_FUNCTION';
    return new UserFake(this.exec, hidden ? '' : this.exec.user);
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
