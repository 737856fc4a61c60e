// What every consumer (Node ESM, Node CJS, a browser with no bundler, a Vite build)
// observes of the package. It runs unchanged in each of them and the tests compare the
// answers, so checking a new export everywhere is one line here.
export function probe(ck) {
  return {
    exports: Object.keys(ck).filter((k) => k !== "default").sort(),
    version: ck.version(),
    // validate: ck.validate("{}").valid,
  };
}
