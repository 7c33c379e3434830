import type { Problem } from '../../api/problems';

// The same rules auth applies (Accounts/AccountName.cs, Passwords/PasswordRules.cs), checked as the
// person types so most mistakes never reach the server; the server's answer still wins.

export interface SignUpFields {
  name: string;
  password: string;
  confirm: string;
  email: string;
}

export type FieldErrors = Partial<Record<keyof SignUpFields | 'form', string>>;

export const NAME_MAX = 30;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function validateName(name: string): string | undefined {
  if (!name) return 'Choose an account name.';
  if (name.length > NAME_MAX) return `Use at most ${NAME_MAX} characters.`;
  if (/^[$:#&~%+\-0-9]/.test(name)) return 'An account name cannot start with a digit or any of $ : # & ~ % + -.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\uffff,*?!@.]/.test(name)) return 'Use letters, digits and - _ [ ] \\ ` ^ { } | only, without spaces.';
  if (name.toLowerCase().startsWith('deleted-')) return 'Names starting with deleted- are reserved.';
  return undefined;
}

export function validatePassword(password: string, name: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (password.trim().toLowerCase() === name.toLowerCase()) return 'The password cannot be the account name.';
  return undefined;
}

export function validateSignUp(fields: SignUpFields): FieldErrors {
  const errors: FieldErrors = {};
  const name = validateName(fields.name);
  if (name) errors.name = name;
  const password = validatePassword(fields.password, fields.name);
  if (password) errors.password = password;
  if (fields.confirm !== fields.password) errors.confirm = 'The two passwords differ.';
  if (fields.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) errors.email = 'That does not look like an email address.';
  return errors;
}

/** The server's problem as errors beside the fields it names; anything else above the form. */
export function problemToErrors(problem: Problem): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ['name', 'password', 'email'] as const) {
    const messages = problem.errors[field];
    if (messages?.length) errors[field] = messages.join(' ');
  }
  if (problem.status === 409) errors.name = problem.detail ?? problem.title;
  else if (Object.keys(errors).length === 0) errors.form = problem.detail ?? problem.title;
  return errors;
}
