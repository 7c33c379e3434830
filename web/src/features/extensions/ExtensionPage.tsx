import { EXTENSIONS } from './extensions';

/** The route of an extension not built yet: says so rather than a blank page. */
export function ExtensionPage({ path }: { path: string }) {
  const extension = EXTENSIONS.find((candidate) => candidate.path === path);
  return (
    <main id="main" className="centered-page">
      <section className="card" aria-labelledby="extension-heading">
        <h1 id="extension-heading">{extension?.label ?? 'Not found'}</h1>
        <p>This part of ChatCloud is not available yet.</p>
        <a className="button" href="/">Back to chat</a>
      </section>
    </main>
  );
}
