// Component tests run in happy-dom (each such file starts with `// @vitest-environment happy-dom`) and
// import this once: it unmounts what a test rendered, so tests never see each other's DOM.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
