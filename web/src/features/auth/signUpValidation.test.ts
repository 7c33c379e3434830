import { describe, expect, it } from 'vitest';
import { problemToErrors, validateName, validateSignUp } from './signUpValidation';

const valid = { name: 'ann', password: 'correct horse', confirm: 'correct horse', email: '' };

describe('validateSignUp', () => {
  it('accepts a valid form', () => {
    expect(validateSignUp(valid)).toEqual({});
  });

  it.each([
    ['', 'Choose an account name.'],
    ['1ann', 'cannot start'],
    ['an n', 'without spaces'],
    ['ann.b', 'without spaces'],
    ['a'.repeat(31), 'at most 30'],
    ['deleted-ann', 'reserved'],
  ])('refuses the name %j', (name, message) => {
    expect(validateName(name)).toContain(message);
  });

  it('asks for 8 characters, not the name, typed twice the same', () => {
    expect(validateSignUp({ ...valid, password: 'short', confirm: 'short' }).password).toContain('at least 8');
    expect(validateSignUp({ ...valid, name: 'annabelle', password: 'AnnaBelle', confirm: 'AnnaBelle' }).password).toContain('account name');
    expect(validateSignUp({ ...valid, confirm: 'other' }).confirm).toBe('The two passwords differ.');
  });

  it('checks an email only when given', () => {
    expect(validateSignUp({ ...valid, email: 'nope' }).email).toBeDefined();
    expect(validateSignUp({ ...valid, email: 'ann@example.org' }).email).toBeUndefined();
  });
});

describe('problemToErrors', () => {
  it('puts a validation problem beside its fields', () => {
    expect(problemToErrors({ status: 400, title: 'The account cannot be created as asked.', errors: { password: ['Use at least 8 characters.'] } }))
      .toEqual({ password: 'Use at least 8 characters.' });
  });

  it('puts a taken name beside the name', () => {
    expect(problemToErrors({ status: 409, title: 'The account name is taken.', detail: 'An account named ann exists already', errors: {} }).name)
      .toContain('exists already');
  });

  it('puts anything else above the form', () => {
    expect(problemToErrors({ status: 429, title: 'Too many requests', errors: {} })).toEqual({ form: 'Too many requests' });
  });
});
