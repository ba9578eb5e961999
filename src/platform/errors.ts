// One kind of error for everything a user did wrong or may not do: a Chinese message, an HTTP status and
// a short code (what the API answers as `error`), with optional details naming the fields at fault. The
// server answers every DomainError the same way (src/server/app.ts); the CLI prints its message.
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
  /** The API's answer. */
  body(): { error: string; message: string; details?: unknown } {
    return this.details === undefined ? { error: this.code, message: this.message } : { error: this.code, message: this.message, details: this.details };
  }
}

/** Bad input, naming each field at fault (answered 400). */
export class InputError extends DomainError {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`输入不正确：${issues.map((i) => `${i.field || '（整体）'}：${i.message}`).join('；')}`, 400, 'validation', issues);
  }
  static fromZod(e: { issues: { path: PropertyKey[]; message: string }[] }): InputError {
    return new InputError(e.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
  }
}

/** Something the user may not do or that is not there (403, 404), a conflict (409), or a refusal on the rules (422). */
export class RefusalError extends DomainError {
  constructor(message: string, status: 403 | 404 | 409 | 422) {
    super(message, status, status === 409 ? 'conflict' : 'case');
  }
}
