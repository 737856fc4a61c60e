// The same from CommonJS: `require` resolves the same types through the exports map.
import ck = require("connector-kit");

const v: string = ck.version();
// @ts-expect-error: version() returns a string, so this fails unless the types are `any`.
const n: number = ck.version();

export = { v, n };
