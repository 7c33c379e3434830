// RFC 9457 problem details as the ChatCloud APIs answer errors: a title, maybe a detail, and for
// validation problems `errors` keyed by field (as ASP.NET Core's ValidationProblem writes them).

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors: Record<string, string[]>;
}

export async function readProblem(response: Response): Promise<Problem> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const record = (body ?? {}) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, messages] of Object.entries(record.errors as Record<string, unknown>)) {
      if (Array.isArray(messages)) errors[field.toLowerCase()] = messages.map(String);
    }
  }
  return {
    status: response.status,
    title: typeof record.title === 'string' ? record.title : `The server answered ${response.status}.`,
    detail: typeof record.detail === 'string' ? record.detail : undefined,
    errors,
  };
}

/** A fetch with a deadline: a request that hangs is an error the UI can show, not a spinner forever. */
export async function fetchWithTimeout(input: string, init: RequestInit = {}, timeoutMs = 15_000): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(input, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}
