// Resolved in place of 'electron' for code that must not import it (see tsconfig.core.json and
// tsconfig.renderer.json). It exports nothing, so any named import from it is a type error.
export {};
