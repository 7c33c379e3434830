import { useState, type FormEvent } from 'react';
import { signUp } from '../../api/accounts';
import { problemToErrors, validateSignUp, type FieldErrors, type SignUpFields } from './signUpValidation';
import { useAuth } from './AuthContext';

const EMPTY: SignUpFields = { name: '', password: '', confirm: '', email: '' };

/** Sign-up: checked as typed, then by the server, whose problem answer is shown beside each field. */
export function SignUpPage() {
  const { signIn } = useAuth();
  const [fields, setFields] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [touched, setTouched] = useState<Partial<Record<keyof SignUpFields, boolean>>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const update = (field: keyof SignUpFields) => (value: string) => {
    const next = { ...fields, [field]: value };
    setFields(next);
    const checked = validateSignUp(next);
    setErrors((current) => ({ ...Object.fromEntries(Object.entries(checked).filter(([key]) => touched[key as keyof SignUpFields])), form: current.form }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched({ name: true, password: true, confirm: true, email: true });
    const checked = validateSignUp(fields);
    setErrors(checked);
    if (Object.keys(checked).length > 0) return;
    setBusy(true);
    try {
      const result = await signUp({ name: fields.name, password: fields.password, email: fields.email });
      if (result.ok) setCreated(result.name);
      else setErrors(problemToErrors(result.problem));
    } catch {
      setErrors({ form: 'The server could not be reached; try again.' });
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <main id="main" className="centered-page">
        <section className="card" aria-labelledby="created-heading">
          <h1 id="created-heading">Welcome, {created}</h1>
          <p>Your account is ready. Sign in with its name and password.</p>
          <button type="button" className="button primary" onClick={() => void signIn()}>Sign in</button>
        </section>
      </main>
    );
  }

  const field = (name: keyof SignUpFields, label: string, type: string, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`signup-${name}`}>{label}</label>
      <input
        id={`signup-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        value={fields[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`signup-${name}-note`}
        onChange={(event) => update(name)(event.target.value)}
        onBlur={() => setTouched((current) => ({ ...current, [name]: true }))}
      />
      <p id={`signup-${name}-note`} className={errors[name] ? 'field-error' : 'field-hint'}>
        {errors[name] ?? hint ?? ''}
      </p>
    </div>
  );

  return (
    <main id="main" className="centered-page">
      <section className="card" aria-labelledby="signup-heading">
        <h1 id="signup-heading">Create your account</h1>
        <form onSubmit={(event) => void submit(event)} noValidate>
          {errors.form && <p className="form-error" role="alert">{errors.form}</p>}
          {field('name', 'Account name', 'text', 'username', 'Also your nick in rooms; up to 30 characters.')}
          {field('password', 'Password', 'password', 'new-password', 'At least 8 characters.')}
          {field('confirm', 'Password again', 'password', 'new-password')}
          {field('email', 'Email (optional)', 'email', 'email', 'Only to recover your account.')}
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
        </form>
        <p className="muted">Have an account? <button type="button" className="link-button" onClick={() => void signIn()}>Sign in</button></p>
      </section>
    </main>
  );
}
